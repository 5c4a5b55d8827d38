package com.salespulse.lead.client;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.salespulse.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * Brings contacts to one form so that duplicates match whatever the notation: phones to E.164 with libphonenumber
 * ({@code +7 (912) 345-67-89} and {@code 89123456789} with region RU are both {@code +79123456789}), e-mails trimmed
 * and lower-cased.
 */
@ApplicationScoped
public class ContactNormalizer {

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    /**
     * @param region the tenant's default region (ISO 3166 alpha-2) for numbers written without a country code
     * @throws ProblemException 400 naming {@code field} when the text cannot be a phone number
     */
    public String phone(String raw, String region, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            PhoneNumber number = phones.parse(raw, region);
            // "possible" (right length for the country) rather than "valid": new number ranges and test numbers
            // must not be refused at intake
            if (!phones.isPossibleNumber(number)) {
                throw ProblemException.invalidField(field, "is not a possible phone number for region " + region);
            }
            return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw ProblemException.invalidField(field, "is not a phone number");
        }
    }

    public String email(String raw) {
        return raw == null || raw.isBlank() ? null : raw.trim().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code region} is a region libphonenumber knows, e.g. RU, KZ, DE. */
    public boolean knownRegion(String region) {
        return region != null && phones.getSupportedRegions().contains(region);
    }
}
