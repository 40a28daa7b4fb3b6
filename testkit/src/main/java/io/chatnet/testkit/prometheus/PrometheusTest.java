package io.chatnet.testkit.prometheus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that starts a real Prometheus ({@link PrometheusServer}, Debian's binaries):
 * {@code make unit} leaves these out, as it leaves out {@code @LocalClusterTest} classes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("prometheus")
public @interface PrometheusTest {}
