package com.salespulse.notification.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A Telegram-style bot API: {@code POST {base}/bot{token}/sendMessage}. The base URL is quarkus.rest-client.bot-api.url. */
@RegisterRestClient(configKey = "bot-api")
public interface BotApi {

    record SendMessage(@JsonProperty("chat_id") String chatId, String text) {}

    @POST
    @Path("/bot{token}/sendMessage")
    @Consumes(MediaType.APPLICATION_JSON)
    Response sendMessage(@PathParam("token") String token, SendMessage message);
}
