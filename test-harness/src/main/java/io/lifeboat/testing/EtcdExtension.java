package io.lifeboat.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * One {@link EtcdCluster} per test class (see {@link RealEtcd}). The cluster lives in the class's
 * extension store; JUnit closes it when the class finishes, which stops etcd and deletes its dir.
 */
public final class EtcdExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EtcdExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        clusterFor(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EtcdCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return clusterFor(context);
    }

    /**
     * Started lazily from whichever comes first: beforeAll, or the constructor of a
     * PER_CLASS test instance (created before beforeAll callbacks run). Store lookups fall back
     * to enclosing contexts, so a nested class finds its outer class's cluster.
     */
    private static EtcdCluster clusterFor(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().orElseThrow();
        }
        Class<?> testClass = classContext.getRequiredTestClass();
        int members = AnnotationSupport.findAnnotation(testClass, RealEtcd.class)
                .map(RealEtcd::members)
                .orElse(1);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(EtcdCluster.class.getName(),
                        key -> ClassCluster.start(members, testClass), ClassCluster.class)
                .cluster();
    }

    /** Closed by JUnit (store values that are AutoCloseable are closed with their context). */
    private record ClassCluster(EtcdCluster cluster, Path dir) implements AutoCloseable {

        static ClassCluster start(int members, Class<?> testClass) {
            Path dir = TestDirs.create("lifeboat-etcd-" + testClass.getSimpleName() + "-");
            try {
                return new ClassCluster(EtcdCluster.start(members, dir), dir);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot start etcd for "
                        + testClass.getName() + " (dir " + dir + "): " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            cluster.close();
            TestDirs.deleteUnlessKept(dir);
        }
    }
}
