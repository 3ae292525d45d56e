package io.lifeboat.catalog;

import io.lifeboat.store.ObjectStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Wires core's orphan rule next to the catalog. */
@Factory
public class CatalogFactory {

    @Singleton
    OrphanSweeper orphanSweeper(ObjectStore store, Catalog catalog) {
        return new OrphanSweeper(store, catalog);
    }
}
