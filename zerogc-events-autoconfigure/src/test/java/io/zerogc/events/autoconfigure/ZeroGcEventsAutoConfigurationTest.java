package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerogc.events.Delivery;
import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.dispatch.InvalidListenerException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.framework.autoproxy.BeanNameAutoProxyCreator;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;

@ExtendWith(OutputCaptureExtension.class)
class ZeroGcEventsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class))
            .withBean(Journal.class);

    interface OrderEvent {
    }

    record OrderPlaced(String id) implements OrderEvent {
    }

    record OrderShipped(String id) implements OrderEvent {
    }

    /** Shared record of what listeners saw, in call order. */
    static class Journal {

        final List<String> entries = new CopyOnWriteArrayList<>();

        void add(String entry) {
            entries.add(entry);
        }
    }

    static class OrderAudit {

        private final Journal journal;

        OrderAudit(Journal journal) {
            this.journal = journal;
        }

        @ZeroGcListener
        public void onPlaced(OrderPlaced event) {
            journal.add("audit:" + event.id());
        }

        @ZeroGcListener
        @Order(-10)
        public void onAnyOrder(OrderEvent event) {
            journal.add("audit-any:" + event.getClass().getSimpleName());
        }
    }

    static class Shipping {

        private final Journal journal;

        Shipping(Journal journal) {
            this.journal = journal;
        }

        @ZeroGcListener
        @Order(5)
        public OrderShipped ship(OrderPlaced event) {
            journal.add("ship:" + event.id());
            return new OrderShipped(event.id());
        }

        @ZeroGcListener
        @Order(5)
        public void confirm(OrderShipped event) {
            journal.add("shipped:" + event.id());
        }
    }

    @Test
    void providesThePublisherAndDeliversToListeners() {
        runner.withBean(OrderAudit.class).run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);

            publisher.publish(new OrderPlaced("a1"));
            publisher.publishEvent(new OrderPlaced("a2"));

            assertThat(context.getBean(Journal.class).entries).containsExactly("audit-any:OrderPlaced", "audit:a1",
                    "audit-any:OrderPlaced", "audit:a2");
        });
    }

    @Test
    void ordersListenersAcrossBeansAndPublishesReturnedValues() {
        runner.withBean(OrderAudit.class).withBean(Shipping.class).run(context -> {
            context.getBean(ZeroGcEventPublisher.class).publish(new OrderPlaced("b1"));

            // -10 first, then 5 (ship, which publishes OrderShipped before returning control), then unordered.
            assertThat(context.getBean(Journal.class).entries).containsExactly("audit-any:OrderPlaced", "ship:b1",
                    "audit-any:OrderShipped", "shipped:b1", "audit:b1");
        });
    }

    static class Alpha {

        private final Journal journal;

        Alpha(Journal journal) {
            this.journal = journal;
        }

        @ZeroGcListener
        public void zulu(OrderPlaced event) {
            journal.add("alpha.zulu");
        }

        @ZeroGcListener
        public void bravo(OrderPlaced event) {
            journal.add("alpha.bravo");
        }
    }

    static class Beta {

        private final Journal journal;

        Beta(Journal journal) {
            this.journal = journal;
        }

        @ZeroGcListener
        public void alpha(OrderPlaced event) {
            journal.add("beta.alpha");
        }
    }

    @Test
    void equalOrdersFollowBeanRegistrationThenMethodName() {
        runner.withBean("second", Beta.class).withBean("first", Alpha.class).run(context -> {
            context.getBean(ZeroGcEventPublisher.class).publish(new OrderPlaced("c"));

            assertThat(context.getBean(Journal.class).entries).containsExactly("beta.alpha", "alpha.bravo",
                    "alpha.zulu");
        });
    }

    interface PlacedHandler {

        @ZeroGcListener
        void handle(OrderPlaced event);
    }

    static class InterfaceDeclared implements PlacedHandler {

        private final Journal journal;

        InterfaceDeclared(Journal journal) {
            this.journal = journal;
        }

        @Override
        public void handle(OrderPlaced event) {
            journal.add("interface:" + event.id());
        }
    }

    @Test
    void annotationsOnInterfaceMethodsAreFound() {
        runner.withBean(InterfaceDeclared.class).run(context -> {
            context.getBean(ZeroGcEventPublisher.class).publish(new OrderPlaced("d"));

            assertThat(context.getBean(Journal.class).entries).containsExactly("interface:d");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class ProxyConfiguration {

        @Bean
        static BeanPostProcessor advisingPostProcessor(Journal journal) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!beanName.startsWith("proxied")) {
                        return bean;
                    }
                    ProxyFactory factory = new ProxyFactory(bean);
                    factory.setProxyTargetClass(beanName.endsWith("Class"));
                    factory.addAdvice((MethodInterceptor) invocation -> {
                        journal.add("advice:" + invocation.getMethod().getName());
                        return invocation.proceed();
                    });
                    return factory.getProxy();
                }
            };
        }
    }

    @Test
    void classProxiedBeansAreInvokedThroughTheirProxy() {
        runner.withUserConfiguration(ProxyConfiguration.class).withBean("proxiedClass", InterfaceDeclared.class)
                .run(context -> {
                    assertThat(AopUtils.isCglibProxy(context.getBean("proxiedClass"))).isTrue();

                    context.getBean(ZeroGcEventPublisher.class).publish(new OrderPlaced("e"));

                    assertThat(context.getBean(Journal.class).entries).containsExactly("advice:handle", "interface:e");
                });
    }

    @Test
    void interfaceProxiedBeansWorkWhenTheMethodIsDeclaredOnAnInterface() {
        runner.withUserConfiguration(ProxyConfiguration.class).withBean("proxiedInterface", InterfaceDeclared.class)
                .run(context -> {
                    assertThat(AopUtils.isJdkDynamicProxy(context.getBean("proxiedInterface"))).isTrue();

                    context.getBean(ZeroGcEventPublisher.class).publish(new OrderPlaced("f"));

                    assertThat(context.getBean(Journal.class).entries).containsExactly("advice:handle", "interface:f");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class AutoProxyConfiguration {

        @Bean
        static BeanNameAutoProxyCreator autoProxyCreator() {
            BeanNameAutoProxyCreator creator = new BeanNameAutoProxyCreator();
            creator.setBeanNames("advised*");
            creator.setInterceptorNames("journalingInterceptor");
            creator.setProxyTargetClass(true);
            return creator;
        }

        @Bean
        static MethodInterceptor journalingInterceptor(Journal journal) {
            return invocation -> {
                journal.add("advice:" + invocation.getMethod().getName());
                return invocation.proceed();
            };
        }
    }

    @Test
    void beansProxiedByAnAutoProxyCreatorKeepTheirAdvice() {
        runner.withUserConfiguration(AutoProxyConfiguration.class).withBean("advisedAudit", OrderAudit.class)
                .run(context -> {
                    assertThat(AopUtils.isAopProxy(context.getBean("advisedAudit"))).isTrue();

                    context.getBean(ZeroGcEventPublisher.class).publish(new OrderPlaced("j"));

                    assertThat(context.getBean(Journal.class).entries).containsExactly("advice:onAnyOrder",
                            "audit-any:OrderPlaced", "advice:onPlaced", "audit:j");
                });
    }

    static class Standalone implements Runnable {

        @ZeroGcListener
        public void onPlaced(OrderPlaced event) {
        }

        @Override
        public void run() {
        }
    }

    @Test
    void interfaceProxiedBeansFailWhenTheMethodIsOnlyOnTheClass() {
        runner.withUserConfiguration(ProxyConfiguration.class).withBean("proxiedInterface", Standalone.class)
                .run(context -> assertThat(context).getFailure()
                        .isInstanceOf(InvalidListenerException.class)
                        .hasMessageStartingWith("@ZeroGcListener method " + Standalone.class.getName()
                                + ".onPlaced(OrderPlaced) of bean 'proxiedInterface' cannot be invoked through its proxy")
                        .hasMessageContaining("not found in any interface"));
    }

    static class Broken {

        @ZeroGcListener
        public void twoArguments(OrderPlaced event, int retries) {
        }

        @ZeroGcListener
        public void generic(List<OrderPlaced> events) {
        }
    }

    @Test
    void invalidListenersFailStartupNamingEachBeanAndMethod() {
        runner.withBean("broken", Broken.class).run(context -> {
            assertThat(context).getFailure().isInstanceOf(InvalidListenerException.class)
                    .hasMessageStartingWith("2 invalid listeners:")
                    .hasMessageContaining("@ZeroGcListener method " + Broken.class.getName()
                            + ".generic(List) of bean 'broken' takes the generic type")
                    .hasMessageContaining("@ZeroGcListener method " + Broken.class.getName()
                            + ".twoArguments(OrderPlaced, int) of bean 'broken' must take exactly one parameter");

            FailureAnalysis analysis = new InvalidListenerFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).startsWith("Invalid @ZeroGcListener methods:\n - ")
                    .contains("twoArguments(OrderPlaced, int)").contains("generic(List)");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class PrototypeConfiguration {

        @Bean
        @Scope("prototype")
        OrderAudit prototypeAudit(Journal journal) {
            return new OrderAudit(journal);
        }
    }

    @Test
    void listenersOnNonSingletonBeansFailStartup() {
        runner.withUserConfiguration(PrototypeConfiguration.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining(".onPlaced(OrderPlaced) of bean 'prototypeAudit' is on a bean of"
                        + " scope 'prototype': listeners are compiled against one instance, so only singleton beans"));
    }

    static class AsyncListener {

        @ZeroGcListener(delivery = Delivery.ASYNC)
        public void later(OrderPlaced event) {
        }
    }

    @Test
    void asyncListenersFailStartupWhileAsyncDeliveryIsOffAndTheAnalysisNamesTheSwitch() {
        runner.withBean("async", AsyncListener.class).run(context -> {
            assertThat(context).getFailure().hasMessageContaining(".later(OrderPlaced) of bean 'async' asks for"
                    + " Delivery.ASYNC, but asynchronous delivery is not enabled");
            FailureAnalysis analysis = new InvalidListenerFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getAction()).endsWith("For the Delivery.ASYNC listeners, switch asynchronous delivery"
                    + " on with zerogc.events.async.enabled=true, or declare them Delivery.DEFAULT.");
        });
    }

    static class Failing {

        private final Journal journal;

        Failing(Journal journal) {
            this.journal = journal;
        }

        @ZeroGcListener
        @Order(1)
        public void fail(OrderPlaced event) {
            journal.add("fail");
            throw new IllegalStateException("cannot place " + event.id());
        }

        @ZeroGcListener
        @Order(2)
        public void after(OrderPlaced event) {
            journal.add("after");
        }
    }

    @Test
    void failuresPropagateToThePublisherByDefault() {
        runner.withBean(Failing.class).run(context -> {
            assertThatThrownBy(() -> context.getBean(ZeroGcEventPublisher.class).publish(new OrderPlaced("g")))
                    .isExactlyInstanceOf(IllegalStateException.class).hasMessage("cannot place g");
            assertThat(context.getBean(Journal.class).entries).containsExactly("fail");
        });
    }

    @Test
    void logAndContinueLogsCountsAndCallsTheRemainingListeners(CapturedOutput output) {
        runner.withBean(Failing.class).withPropertyValues("zerogc.events.error-policy=log-and-continue")
                .run(context -> {
                    DispatchingEventPublisher publisher = context.getBean(DispatchingEventPublisher.class);

                    publisher.publish(new OrderPlaced("h"));

                    assertThat(context.getBean(Journal.class).entries).containsExactly("fail", "after");
                    assertThat(output).contains("Listener Failing.fail(OrderPlaced) failed on event of type "
                            + OrderPlaced.class.getName()).contains("cannot place h");
                    assertThat(publisher.dispatcher().statistics().failures(0)).isEqualTo(1);
                    assertThat(publisher.dispatcher().statistics().failures(1)).isZero();
                });
    }

    @Test
    void anErrorHandlerBeanTakesOverFailures() {
        List<String> handled = new ArrayList<>();
        ListenerErrorHandler handler = (error, event, listener) -> handled.add(listener + ": " + error.getMessage());
        runner.withBean(Failing.class).withBean(ListenerErrorHandler.class, () -> handler).run(context -> {
            context.getBean(ZeroGcEventPublisher.class).publish(new OrderPlaced("i"));

            assertThat(handled).containsExactly("Failing.fail(OrderPlaced): cannot place i");
            assertThat(context.getBean(Journal.class).entries).containsExactly("fail", "after");
        });
    }

    static class EarlyPublisher implements InitializingBean {

        private final ZeroGcEventPublisher publisher;

        EarlyPublisher(ZeroGcEventPublisher publisher) {
            this.publisher = publisher;
        }

        @Override
        public void afterPropertiesSet() {
            publisher.publish(new OrderPlaced("early"));
        }
    }

    @Test
    void eventsPublishedBeforeListenersAreCompiledAreDeliveredOnceTheyAre() {
        runner.withBean(EarlyPublisher.class).withBean(OrderAudit.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Journal.class).entries).containsExactly("audit-any:OrderPlaced", "audit:early");
        });
    }

    @Test
    void publishingNullIsRejectedWithAMessage() {
        runner.run(context -> assertThatThrownBy(() -> context.getBean(ZeroGcEventPublisher.class).publish(null))
                .isInstanceOf(NullPointerException.class).hasMessage("event must not be null"));
    }

    @Test
    void backsOffWhenTheUserDefinesAPublisher() {
        ZeroGcEventPublisher own = event -> { };
        runner.withBean(OrderAudit.class).withBean(ZeroGcEventPublisher.class, () -> own).run(context -> {
            assertThat(context).getBean(ZeroGcEventPublisher.class).isSameAs(own);
            assertThat(context).doesNotHaveBean(DispatchingEventPublisher.class)
                    .doesNotHaveBean(ListenerDiscovery.class);
        });
    }

    @Test
    void canBeSwitchedOff() {
        runner.withBean(OrderAudit.class).withPropertyValues("zerogc.events.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ZeroGcEventPublisher.class));
    }

    @Test
    void propertiesCarryGeneratedMetadata() throws Exception {
        String metadata = new String(new ClassPathResource("META-INF/spring-configuration-metadata.json")
                .getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(metadata).contains("\"zerogc.events.enabled\"").contains("\"zerogc.events.error-policy\"")
                .contains("What a listener failure does");
    }
}
