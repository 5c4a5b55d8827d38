package com.salespulse.lead.settings;

import com.salespulse.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads a Russian production calendar in the xmlcalendar.ru format (the one ConsultantPlus-derived calendars are
 * published in): {@code <calendar year="2026"><days><day d="01.01" t="1"/>...</days></calendar>}, where {@code d}
 * is MM.DD and {@code t} is 1 for a day off, 2 for a shortened working day, 3 for a weekend day made working. Only
 * the exceptions are listed; every other date follows the weekly pattern. The {@code holidays} element and the
 * {@code h}/{@code f} attributes are ignored.
 */
public final class ProductionCalendarFile {

    /** A parsed file: its year and the exceptions it lists. */
    public record Parsed(int year, Map<LocalDate, CalendarDay.Kind> days) {}

    private ProductionCalendarFile() {}

    /** @throws ProblemException 400 naming the part of the file that is wrong */
    public static Parsed parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw ProblemException.invalidField(
                    "body", "is required: a production calendar in the xmlcalendar.ru format");
        }
        Element calendar = read(xml).getDocumentElement();
        if (!"calendar".equals(calendar.getTagName())) {
            throw ProblemException.invalidField("calendar", "the root element must be <calendar>");
        }
        int year;
        try {
            year = Integer.parseInt(calendar.getAttribute("year").trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("calendar.year", "must be a year like 2026");
        }
        if (year < 2000 || year > 2100) {
            throw ProblemException.invalidField("calendar.year", "must be between 2000 and 2100");
        }
        Map<LocalDate, CalendarDay.Kind> days = new LinkedHashMap<>();
        NodeList nodes = calendar.getElementsByTagName("day");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element day = (Element) nodes.item(i);
            String field = "days.day[" + i + "]";
            LocalDate date = date(year, day.getAttribute("d"), field + ".d");
            CalendarDay.Kind kind = switch (day.getAttribute("t").trim()) {
                case "1" -> CalendarDay.Kind.HOLIDAY;
                case "2" -> CalendarDay.Kind.SHORT;
                case "3" -> CalendarDay.Kind.WORKING;
                default ->
                    throw ProblemException.invalidField(
                            field + ".t", "must be 1 (day off), 2 (shortened) or 3 (working)");
            };
            if (days.put(date, kind) != null) {
                throw ProblemException.invalidField(field + ".d", "lists " + date + " twice");
            }
        }
        return new Parsed(year, days);
    }

    private static LocalDate date(int year, String monthDay, String field) {
        String[] parts = monthDay.trim().split("\\.");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            return LocalDate.of(year, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException | DateTimeException e) {
            throw ProblemException.invalidField(field, "must be a date of the year as MM.DD, like 11.04");
        }
    }

    private static Document read(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // a calendar file needs no DTD and no external entities; refusing them closes XXE
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // throw instead of printing to stderr: the caller gets a 400, the log stays quiet
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e;
                }
            });
            return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw ProblemException.invalidField("body", "is not well-formed XML without a DOCTYPE");
        }
    }
}
