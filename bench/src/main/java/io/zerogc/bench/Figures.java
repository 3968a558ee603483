package io.zerogc.bench;

import io.zerogc.bench.ReferenceRun.Result;
import java.util.Locale;

/**
 * How the report writes a figure: ratios, ns and bytes, throughputs, microseconds and counts, the same
 * everywhere.
 */
final class Figures {

    private Figures() {
    }

    static String ratio(Result numerator, Result denominator) {
        return format(numerator.score() / denominator.score()) + "x";
    }

    static String nsAndBytes(Result r) {
        return format(r.score()) + " ns, " + bytes(r.bytesPerOp());
    }

    static String throughput(Result r) {
        return format(r.score() / 1e6) + " M +- " + (Double.isNaN(r.error()) ? "-" : format(r.error() / 1e6)) + ", "
                + bytes(r.bytesPerOp());
    }

    static String micros(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static String bytes(double bytesPerOp) {
        return Double.isNaN(bytesPerOp) ? "-" : (bytesPerOp < 0.5 ? "0 B" : format(bytesPerOp) + " B");
    }
}
