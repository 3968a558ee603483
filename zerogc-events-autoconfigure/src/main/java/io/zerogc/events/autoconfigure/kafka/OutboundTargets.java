package io.zerogc.events.autoconfigure.kafka;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.ParserContext;
import org.springframework.expression.common.CompositeStringExpression;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.CompoundExpression;
import org.springframework.expression.spel.ast.MethodReference;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Finds the externalized types and where each goes: Spring Modulith's {@code @Externalized} on classes
 * of the application's packages ({@code "topic::#{key}"}; no topic means the class's name, as Modulith
 * reads it), then {@code zerogc.events.kafka.outbound[...]}, which adds types and overrides annotations.
 * Every problem is reported at startup, naming the property or the class.
 */
final class OutboundTargets {

    static final String EXTERNALIZED = "org.springframework.modulith.events.Externalized";
    /** What Spring Modulith's own externalization to a broker (Kafka, AMQP, JMS, ...) is, through its registry. */
    static final String MODULITH_EXTERNALIZER = "org.springframework.modulith.events.support.EventExternalizationSupport";

    private final ClassLoader classLoader;
    private final EventClasses classes;
    private final SpelExpressionParser parser;

    OutboundTargets(ClassLoader classLoader) {
        this.classLoader = classLoader;
        this.classes = new EventClasses(classLoader);
        this.parser = new SpelExpressionParser(new SpelParserConfiguration(SpelCompilerMode.MIXED, classLoader));
    }

    /** Where one type goes, before it becomes a relay. */
    record Destination(Class<?> type, String topic, String key, String origin) {
    }

    /**
     * @param packages the application's packages, scanned for {@code @Externalized} when Modulith's API is
     *     present
     */
    List<Destination> resolve(List<String> packages, Map<String, ZeroGcKafkaProperties.Outbound> configured) {
        Map<Class<?>, Destination> destinations = new LinkedHashMap<>();
        if (ClassUtils.isPresent(EXTERNALIZED, classLoader)) {
            for (Class<?> type : Modulith.externalizedTypes(packages, classLoader)) {
                String value = Modulith.externalizedValue(type);
                int separator = value.indexOf("::");
                String topic = separator < 0 ? value : value.substring(0, separator);
                String key = separator < 0 ? null : value.substring(separator + 2);
                String origin = "@Externalized(\"" + value + "\") on " + type.getName();
                destinations.put(type, new Destination(type, StringUtils.hasText(topic) ? topic : type.getName(), key, origin));
            }
        }
        configured.forEach((name, outbound) -> {
            String property = "zerogc.events.kafka.outbound[" + name + "]";
            Class<?> type = classes.load(name, property, "an event class to send (write the class name in brackets, as in "
                    + "zerogc.events.kafka.outbound[com.acme.OrderPlaced].topic=orders)");
            if (!StringUtils.hasText(outbound.getTopic())) {
                throw new InvalidConfigurationPropertyValueException(property + ".topic", outbound.getTopic(),
                        "Every externalized type needs the topic its events are sent to.");
            }
            destinations.put(type, new Destination(type, outbound.getTopic(), outbound.getKey(), property));
        });
        return new ArrayList<>(destinations.values());
    }

    /**
     * Refuses types that Spring Modulith's own externalization sends too: with it present (a broker module
     * such as {@code spring-modulith-events-kafka}), an {@code @Externalized} class goes out through the
     * publication registry, and a relay of it would send each event a second time.
     *
     * @param destinations what the relays would send
     * @param beans where Modulith's externalizer would be
     * @throws IllegalStateException naming every type both would send
     */
    void refuseWhatModulithExternalizes(List<Destination> destinations, ListableBeanFactory beans) {
        if (!ClassUtils.isPresent(MODULITH_EXTERNALIZER, classLoader) || !ClassUtils.isPresent(EXTERNALIZED, classLoader)
                || beans.getBeanNamesForType(ClassUtils.resolveClassName(MODULITH_EXTERNALIZER, classLoader), false,
                        false).length == 0) {
            return;
        }
        List<String> both = destinations.stream().map(Destination::type).filter(Modulith::isExternalized)
                .map(Class::getName).toList();
        if (!both.isEmpty()) {
            throw new IllegalStateException("Externalized twice: " + both + " carry Spring Modulith's @Externalized,"
                    + " so Modulith's event externalization sends them (at least once, through its publication"
                    + " registry), and zerogc.events.kafka would send each event again (at most once, without"
                    + " allocating). Choose one: spring.modulith.events.externalization.enabled=false leaves them"
                    + " to the relay, zerogc.events.kafka.enabled=false to Modulith.");
        }
    }

    /**
     * The relay of one destination: its key parsed once ({@code #{...}} evaluated on the event, anything
     * else a fixed key).
     */
    OutboundTarget target(Destination route, boolean stringKeys, String instanceId) {
        Expression key = null;
        EvaluationContext context = null;
        if (StringUtils.hasText(route.key())) {
            try {
                key = parser.parseExpression(route.key(), ParserContext.TEMPLATE_EXPRESSION);
            }
            catch (ParseException ex) {
                throw new IllegalStateException("The Kafka key '" + route.key() + "' of " + route.type().getName()
                        + " (from " + route.origin() + ") is not a valid expression: " + ex.getMessage(), ex);
            }
            context = new StandardEvaluationContext();
            String missing = missingMember(key, route.type());
            if (missing != null) {
                throw new IllegalStateException("The Kafka key '" + route.key() + "' of " + route.type().getName()
                        + " (from " + route.origin() + ") reads " + missing + ", which " + route.type().getName()
                        + " does not have: name a property (a record component, a getter or a public field) or a"
                        + " method of the type.");
            }
        }
        return new OutboundTarget(route.type(), route.topic(), key, context, stringKeys, instanceId);
    }

    /**
     * The first member a key expression reads from the event that the event's class does not have, checked
     * for final classes (records among them) only: a subclass of another class may have it.
     *
     * @return {@code "property x"} or {@code "method x()"}, or {@code null} if all can be read or it cannot
     *     be told before an event comes
     */
    static String missingMember(Expression key, Class<?> type) {
        if (!Modifier.isFinal(type.getModifiers())) {
            return null;
        }
        Expression[] parts = key instanceof CompositeStringExpression composite ? composite.getExpressions()
                : new Expression[] {key};
        for (Expression part : parts) {
            if (part instanceof SpelExpression spel) {
                SpelNode first = spel.getAST();
                if (first instanceof CompoundExpression compound) {
                    first = compound.getChild(0);
                }
                if (first instanceof PropertyOrFieldReference property && !hasProperty(type, property.getName())) {
                    return "property " + property.getName();
                }
                if (first instanceof MethodReference method && !hasMethod(type, method.getName())) {
                    return "method " + method.getName() + "()";
                }
            }
        }
        return null;
    }

    private static boolean hasProperty(Class<?> type, String name) {
        String capitalized = StringUtils.capitalize(name);
        return hasMethod(type, name) && type.isRecord() || hasMethod(type, "get" + capitalized)
                || hasMethod(type, "is" + capitalized) || Arrays.stream(type.getFields())
                        .anyMatch(field -> field.getName().equals(name));
    }

    private static boolean hasMethod(Class<?> type, String name) {
        return Arrays.stream(type.getMethods()).anyMatch(method -> method.getName().equals(name));
    }

    /** Spring Modulith's annotation, loaded only when its API is on the class path. */
    private static final class Modulith {

        static List<Class<?>> externalizedTypes(List<String> packages, ClassLoader classLoader) {
            ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
            scanner.addIncludeFilter(new AnnotationTypeFilter(org.springframework.modulith.events.Externalized.class));
            scanner.setResourceLoader(new DefaultResourceLoader(classLoader));
            List<Class<?>> types = new ArrayList<>();
            for (String base : packages) {
                for (BeanDefinition candidate : scanner.findCandidateComponents(base)) {
                    types.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader));
                }
            }
            return types;
        }

        static boolean isExternalized(Class<?> type) {
            return type.isAnnotationPresent(org.springframework.modulith.events.Externalized.class);
        }

        static String externalizedValue(Class<?> type) {
            return type.getAnnotation(org.springframework.modulith.events.Externalized.class).value();
        }
    }
}
