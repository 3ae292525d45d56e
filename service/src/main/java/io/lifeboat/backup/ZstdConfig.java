package io.lifeboat.backup;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code lifeboat.zstd.*}.
 *
 * @param level 1..19; 3 is zstd's default
 * @param workers zstd worker threads; 0 compresses on lifeboat's own compression thread
 */
@ConfigurationProperties("lifeboat.zstd")
public record ZstdConfig(
        @Bindable(defaultValue = "3") int level,
        @Bindable(defaultValue = "0") int workers) {
}
