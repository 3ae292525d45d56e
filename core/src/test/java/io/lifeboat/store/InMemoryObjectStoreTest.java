package io.lifeboat.store;

/** The contract on the in-memory fake the unit tests use: it must behave like the real stores. */
class InMemoryObjectStoreTest extends ObjectStoreContract {

    private final InMemoryObjectStore store = new InMemoryObjectStore();

    @Override
    ObjectStore store() {
        return store;
    }

    @Override
    Features features() {
        return new Features(true, true, ChecksumMode.CRC32C);
    }
}
