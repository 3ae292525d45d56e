package io.lifeboat.api;

/** The bucket has no manifest for the requested id. */
public class SnapshotNotFoundException extends RuntimeException {
    public SnapshotNotFoundException(String id) {
        super("no snapshot " + id + " in the bucket");
    }
}
