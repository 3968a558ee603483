package io.zerogc.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The harnesses' {@code --name=value} options.
 */
final class HarnessOptions {

    private HarnessOptions() {
    }

    /**
     * Reads the arguments over the defaults.
     *
     * @param defaults every known option with its default
     * @param args the command line
     * @return the options in force
     * @throws IllegalArgumentException naming an unknown or malformed option, and the known ones
     */
    static Map<String, String> parse(Map<String, String> defaults, String[] args) {
        Map<String, String> options = new LinkedHashMap<>(defaults);
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            if (pair.length != 2 || !options.containsKey(pair[0])) {
                throw new IllegalArgumentException("unknown option '" + arg + "'; known: " + options.keySet());
            }
            options.put(pair[0], pair[1]);
        }
        return options;
    }
}
