package io.chatnet.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against the local cluster. Test methods, constructors and lifecycle
 * methods may take a {@link io.fabric8.kubernetes.client.KubernetesClient} and the class's {@link
 * TestNamespace} as parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalClusterExtension.class)
@Tag("cluster")
public @interface LocalClusterTest {}
