package io.lifeboat.catalog;

import io.lifeboat.failure.FailureKind;
import io.lifeboat.failure.LifeboatException;

/**
 * A prune that the retention policy refused (it would have deleted every snapshot): nothing was
 * deleted. A configuration problem: the {@code keep-*} settings keep nothing.
 */
public class PruneRefusedException extends LifeboatException {
    public PruneRefusedException(String reason) {
        super(FailureKind.CONFIGURATION, "nothing pruned: " + reason, null);
    }
}
