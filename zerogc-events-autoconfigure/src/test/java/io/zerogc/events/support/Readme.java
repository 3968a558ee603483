package io.zerogc.events.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's README, read as its fenced blocks and the marker comment above each, so that tests
 * can hold every example and every quoted output to what the code really is and does.
 *
 * <p>Markers: {@code <!-- example: path[#tag] [path[#tag] ...] -->} above a block that must equal those
 * files (or their {@code tag::name[]} regions), joined by a blank line; {@code <!-- output: name -->}
 * above a block that a test produces and compares.
 */
public final class Readme {

    private static final Pattern FENCE = Pattern.compile("^```(\\w*)$");
    private static final Pattern MARKER = Pattern.compile("^<!-- (example|output): (.+) -->$");

    private Readme() {
    }

    /** A fenced block: its language, its text, and the marker above it ({@code null} when none). */
    public record Block(int line, String language, String text, String markerKind, String markerValue) {
    }

    /**
     * The repository's root, found upwards from the working directory.
     *
     * @return the folder holding README.md and the parent pom
     */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("README.md"))
                && Files.isRegularFile(dir.resolve("mvnw")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /**
     * Every fenced block of the README.
     *
     * @return the blocks, in order
     */
    public static List<Block> blocks() {
        List<String> lines = read(root().resolve("README.md")).lines().toList();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).equals("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            Matcher marker = start > 0 ? MARKER.matcher(lines.get(start - 1)) : null;
            boolean marked = marker != null && marker.matches();
            blocks.add(new Block(start + 1, open.group(1), text.toString(), marked ? marker.group(1) : null,
                    marked ? marker.group(2).trim() : null));
        }
        return blocks;
    }

    /**
     * The one block marked {@code <!-- output: name -->}.
     *
     * @param name the output's name
     * @return the block's text, lines ending in a newline
     */
    public static String output(String name) {
        List<Block> found = blocks().stream()
                .filter(block -> "output".equals(block.markerKind()) && name.equals(block.markerValue())).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("README has " + found.size() + " blocks marked <!-- output: " + name
                    + " -->, expected one");
        }
        return found.get(0).text();
    }

    /**
     * What an example marker's value stands for: the files or regions, joined by a blank line.
     *
     * @param markerValue {@code path[#tag]} references separated by spaces, relative to the root
     * @return the expected text of the block
     */
    public static String expectedExample(String markerValue) {
        List<String> parts = new ArrayList<>();
        for (String reference : markerValue.split("\\s+")) {
            int hash = reference.indexOf('#');
            String text = read(root().resolve(hash < 0 ? reference : reference.substring(0, hash)));
            parts.add(hash < 0 ? text.strip() + "\n" : region(text, reference.substring(hash + 1), reference));
        }
        return String.join("\n", parts);
    }

    private static String region(String text, String tag, String reference) {
        List<String> lines = text.lines().toList();
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("tag::" + tag + "[]")) {
                start = i + 1;
            }
            else if (lines.get(i).contains("end::" + tag + "[]")) {
                end = i;
            }
        }
        if (start < 0 || end < start) {
            throw new IllegalStateException("No region tag::" + tag + "[] ... end::" + tag + "[] in " + reference);
        }
        List<String> region = lines.subList(start, end);
        int indent = region.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : region) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
