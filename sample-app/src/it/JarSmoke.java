import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the repackaged sample jar as a user would ({@code java -jar}), on a free port, and checks that
 * it serves the dashboard, its favicon and its API, and answers bad input with a 400 problem detail.
 * Run by the build after {@code package}, as a single-file program: {@code java JarSmoke.java <jar>}.
 */
public final class JarSmoke {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    public static void main(String[] args) throws Exception {
        Process app = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", args[0],
                "--server.port=0").redirectErrorStream(true).start();
        try {
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(app.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        System.out.println("[sample] " + line);
                        Matcher matcher = PORT.matcher(line);
                        if (matcher.find()) {
                            port.complete(Integer.parseInt(matcher.group(1)));
                        }
                    }
                }
                catch (Exception ex) {
                    port.completeExceptionally(ex);
                }
                port.completeExceptionally(new IllegalStateException("the sample ended before it started"));
            });
            reader.setDaemon(true);
            reader.start();
            String base = "http://localhost:" + port.get(90, TimeUnit.SECONDS);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            expect(http, "GET", base + "/", 200, "zerogc-events dashboard");
            expect(http, "GET", base + "/favicon.svg", 200, "<svg");
            expect(http, "GET", base + "/api/stats", 200, "\"trafficRate\":0");
            expect(http, "POST", base + "/api/traffic/start?rate=0", 400, "\"status\":400");
            System.out.println("JarSmoke: java -jar " + args[0] + " serves the dashboard, its favicon and its API");
        }
        finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static void expect(HttpClient http, String method, String url, int status, String contained)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status || !response.body().contains(contained)) {
            throw new IllegalStateException(method + " " + url + ": expected " + status + " with '" + contained
                    + "', got " + response.statusCode() + ": " + response.body());
        }
    }
}
