package com.salespulse.notification.channel;

import com.salespulse.notification.config.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Sends the plain text to the subscriber's chat through the bot API. */
@ApplicationScoped
public class BotSender implements ChannelSender {

    private final BotApi bot;
    private final Optional<String> token;

    public BotSender(@RestClient BotApi bot, NotificationConfig config) {
        this.bot = bot;
        this.token = config.bot().token().filter(value -> !value.isBlank());
    }

    @Override
    public Channel channel() {
        return Channel.BOT;
    }

    @Override
    public AttemptResult send(UUID deliveryId, Recipient to, RenderedMessage message) {
        if (token.isEmpty()) {
            return AttemptResult.failed(null, "no bot token is configured (salespulse.notification.bot.token)");
        }
        try (Response response = bot.sendMessage(token.get(), new BotApi.SendMessage(to.botChatId(), message.text()))) {
            return outcome(response.getStatus());
        } catch (WebApplicationException e) {
            return outcome(e.getResponse().getStatus());
        } catch (ProcessingException e) {
            return AttemptResult.failed(null, "could not reach the bot API");
        }
    }

    private static AttemptResult outcome(int status) {
        return status >= 200 && status < 300
                ? AttemptResult.accepted(status)
                : AttemptResult.failed(status, "the bot API answered HTTP " + status);
    }
}
