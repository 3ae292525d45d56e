package io.lifeboat.retention;

import io.lifeboat.catalog.Catalog;
import io.lifeboat.catalog.Pruner;
import io.lifeboat.catalog.TierTags;
import io.lifeboat.configuration.SettingsCheck;
import io.lifeboat.store.ObjectStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Wires core's retention pass. One {@link TierTags} per process: a store without tagging is warned about once. */
@Factory
public class RetentionFactory {

    /** Taking the check makes every setting checked before this factory builds anything from one. */
    public RetentionFactory(SettingsCheck checked) {
    }

    @Singleton
    TierTags tierTags(ObjectStore store) {
        return new TierTags(store);
    }

    @Singleton
    Pruner pruner(ObjectStore store, Catalog catalog, TierTags tags) {
        return new Pruner(store, catalog, tags);
    }
}
