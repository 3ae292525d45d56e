package io.lifeboat.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void acquire_givesClearedDirectBuffersOfTheSize() {
        BufferPool pool = new BufferPool(64, 2);
        ByteBuffer used = pool.acquire();
        used.put(new byte[10]).flip();
        pool.release(used);

        ByteBuffer again = pool.acquire();

        assertThat(again).isSameAs(used);
        assertThat(again.isDirect()).isTrue();
        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(64);
        assertThat(pool.allocated()).isEqualTo(1);
    }

    @Test
    void acquire_whenNoneIsFree_allocatesRatherThanWaits() {
        BufferPool pool = new BufferPool(16, 1);

        ByteBuffer first = pool.acquire();
        ByteBuffer second = pool.acquire();

        assertThat(second).isNotSameAs(first);
        assertThat(pool.allocated()).isEqualTo(2);
    }

    @Test
    void release_keepsAtMostRetained() {
        BufferPool pool = new BufferPool(16, 2);
        ByteBuffer a = pool.acquire();
        ByteBuffer b = pool.acquire();
        ByteBuffer c = pool.acquire();
        pool.release(a);
        pool.release(b);
        pool.release(c);

        pool.acquire();
        pool.acquire();
        pool.acquire();

        assertThat(pool.allocated()).as("3 first, then 2 reused and 1 new").isEqualTo(4);
    }

    @Test
    void release_ignoresBuffersThatAreNotThePools() {
        BufferPool pool = new BufferPool(16, 4);
        pool.release(ByteBuffer.allocate(16));
        pool.release(ByteBuffer.allocateDirect(8));
        pool.release(ByteBuffer.allocateDirect(16).asReadOnlyBuffer());
        pool.release(null);

        pool.acquire();

        assertThat(pool.allocated()).isEqualTo(1);
    }

    @Test
    void maxDirectMemory_isTheJvmsLimit() {
        assertThat(BufferPool.maxDirectMemory()).isPositive().isGreaterThanOrEqualTo(Runtime.getRuntime().maxMemory() / 2);
    }

    @Test
    void constructor_refusesANonPositiveSize() {
        assertThatThrownBy(() -> new BufferPool(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
