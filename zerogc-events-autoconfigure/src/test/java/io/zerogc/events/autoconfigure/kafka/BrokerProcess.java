package io.zerogc.events.autoconfigure.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker (KRaft, broker and controller in one) in a process of its own, from the Kafka jars on
 * the test class path, on free ports of 127.0.0.1: so that a test can kill it as an outage does
 * ({@code SIGKILL}), and start it again on the same ports and data.
 */
final class BrokerProcess implements AutoCloseable {

    private static final Duration START_BOUND = Duration.ofSeconds(60);

    private final Path directory;
    private final int port;
    private final Path properties;
    private Process process;

    BrokerProcess(Path directory) throws IOException, InterruptedException {
        this.directory = directory;
        this.port = freePort();
        int controllerPort = freePort();
        this.properties = directory.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "num.partitions=2", ""));
        // Kafka's own ids: a random one may start with '-', which its command line would read as an option.
        run("format", "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                properties.toString());
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker and waits until it accepts connections. */
    void start() throws IOException, InterruptedException {
        process = java("broker", "kafka.Kafka", properties.toString()).start();
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The broker did not start within " + START_BOUND + ": "
                        + tail(directory.resolve("broker.log")));
            }
            Thread.sleep(50); // polling the port: the broker takes seconds to come up
        }
    }

    /** Kills the broker as an outage would: SIGKILL, no shutdown. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private void run(String name, String... mainAndArguments) throws IOException, InterruptedException {
        Process tool = java(name, mainAndArguments).start();
        if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
            throw new IllegalStateException("Kafka's " + name + " failed: " + tail(directory.resolve(name + ".log")));
        }
    }

    private ProcessBuilder java(String name, String... mainAndArguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(mainAndArguments));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(name + ".log").toFile()));
    }

    /** The end of a log, for a failure's message: the temporary directory goes with the test. */
    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
