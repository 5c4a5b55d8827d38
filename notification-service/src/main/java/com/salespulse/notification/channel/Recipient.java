package com.salespulse.notification.channel;

import java.util.List;

/**
 * Where one subscriber is reached: the address of its channel (the others are absent), and for a webhook the secrets
 * that sign each message, newest first.
 */
public record Recipient(String webhookUrl, List<String> webhookSecrets, String email, String botChatId) {}
