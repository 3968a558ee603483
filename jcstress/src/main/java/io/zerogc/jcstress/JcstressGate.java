package io.zerogc.jcstress;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs jcstress with the given arguments and exits non-zero unless every test passed: jcstress itself
 * exits 0 whatever its verdict, which would let a forbidden outcome slip through a build.
 */
public final class JcstressGate {

    private static final Pattern RESULTS = Pattern.compile(
            "\\(Results: (\\d+) planned; (\\d+) passed, (\\d+) failed, (\\d+) soft errs, (\\d+) hard errs\\)");

    private JcstressGate() {
    }

    /**
     * Runs jcstress.
     *
     * @param args jcstress's own arguments, such as {@code -m quick}
     * @throws Exception if jcstress cannot run
     */
    public static void main(String[] args) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(console, captured), true, StandardCharsets.UTF_8));
        try {
            org.openjdk.jcstress.Main.main(args);
        }
        finally {
            System.setOut(console);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        long planned = -1;
        long passed = -1;
        Matcher results = RESULTS.matcher(output);
        while (results.find()) { // the progress line repeats; the last one is the verdict
            planned = Long.parseLong(results.group(1));
            passed = Long.parseLong(results.group(2));
        }
        if (planned < 0) {
            console.println("jcstress printed no results");
            System.exit(1);
        }
        boolean clean = output.contains("Failed tests: No matches.") && output.contains("Error tests: No matches.");
        console.println("jcstress: " + passed + " passed, " + (planned - passed) + " failed");
        System.exit(clean && planned == passed && planned > 0 ? 0 : 1);
    }

    /** Writes to the console and to a buffer. */
    private static final class Tee extends OutputStream {

        private final PrintStream console;
        private final ByteArrayOutputStream buffer;

        Tee(PrintStream console, ByteArrayOutputStream buffer) {
            this.console = console;
            this.buffer = buffer;
        }

        @Override
        public void write(int b) {
            console.write(b);
            buffer.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            console.write(bytes, offset, length);
            buffer.write(bytes, offset, length);
        }
    }
}
