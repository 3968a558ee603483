package io.zerogc.jcstress;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
     * @param args jcstress's own arguments, such as {@code -m quick}, and optionally {@code -modes c2} (the
     *     C2 compiler only, {@code -XX:-TieredCompilation}, where compiler reorderings show; jcstress still
     *     tries it with and without biased locking on JDK 17) or {@code -modes all} (jcstress's own choice
     *     of modes: C2, C1 and the interpreter)
     * @throws Exception if jcstress cannot run
     */
    public static void main(String[] args) throws Exception {
        args = withModes(args);
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

    /** Turns {@code -modes c2|all} into jcstress's {@code -jvmArgs}; other arguments pass unchanged. */
    static String[] withModes(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("-modes")) {
                out.add(args[i]);
                continue;
            }
            String modes = i + 1 < args.length ? args[++i] : "";
            switch (modes) {
                case "c2" -> {
                    out.add("-jvmArgs");
                    out.add("-XX:-TieredCompilation");
                }
                case "all" -> {
                    // jcstress picks the modes
                }
                default -> throw new IllegalArgumentException("-modes takes c2 or all, not '" + modes + "'");
            }
        }
        return out.toArray(String[]::new);
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
