package io.zerogc.events.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.context.ConfigurableApplicationContext;

/** Requests to a running test application's own server, as a client would make them. */
public final class LocalHttp {

    private LocalHttp() {
    }

    /**
     * POSTs nothing to a path of the application and expects a 200.
     *
     * @param context the application, started with {@code server.port=0}
     * @param path the path, from the root
     * @return the response's body
     * @throws IOException if the request fails
     * @throws InterruptedException if interrupted waiting for it
     */
    public static String post(ConfigurableApplicationContext context, String path)
            throws IOException, InterruptedException {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }
}
