package io.zerogc.events.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Compares a JSON response with the README's: the same field names in the same order, the same array
 * lengths, the same strings and booleans, numbers for numbers (the README's numbers are its own).
 */
public final class JsonShape {

    private JsonShape() {
    }

    /**
     * Asserts that a response has the documented shape.
     *
     * @param actual what was returned
     * @param documented what the README shows
     */
    public static void assertSameShape(JsonNode actual, JsonNode documented) {
        List<String> differences = new ArrayList<>();
        compare("$", actual, documented, differences);
        assertThat(differences).as("README differs from %s", actual).isEmpty();
    }

    /** Same field names in the same order, same array lengths, same strings and booleans, numbers for numbers. */
    private static void compare(String path, JsonNode actual, JsonNode documented, List<String> differences) {
        if (actual.getNodeType() != documented.getNodeType()) {
            differences.add(path + ": " + actual.getNodeType() + " returned, " + documented.getNodeType()
                    + " documented");
        }
        else if (actual.isObject()) {
            List<String> actualNames = new ArrayList<>(actual.propertyNames());
            List<String> documentedNames = new ArrayList<>(documented.propertyNames());
            if (!actualNames.equals(documentedNames)) {
                differences.add(path + ": fields " + actualNames + " returned, " + documentedNames + " documented");
                return;
            }
            for (String name : actualNames) {
                compare(path + "." + name, actual.get(name), documented.get(name), differences);
            }
        }
        else if (actual.isArray()) {
            if (actual.size() != documented.size()) {
                differences.add(path + ": " + actual.size() + " elements returned, " + documented.size()
                        + " documented");
                return;
            }
            Iterator<JsonNode> documentedElements = documented.iterator();
            int i = 0;
            for (JsonNode element : actual) {
                compare(path + "[" + i++ + "]", element, documentedElements.next(), differences);
            }
        }
        else if (!actual.isNumber() && !actual.equals(documented)) {
            differences.add(path + ": " + actual + " returned, " + documented + " documented");
        }
    }
}
