package io.lifeboat.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a real etcd cluster for the annotated test class: started before the first test, stopped
 * after the last, data in a temp dir that is then deleted. Declare an {@link EtcdCluster}
 * parameter (test, lifecycle method or constructor) to get it. Nested classes share the
 * enclosing class's cluster.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EtcdExtension.class)
public @interface RealEtcd {

    /** Number of members: 1, or 3 for quorum and leader tests. */
    int members() default 1;
}
