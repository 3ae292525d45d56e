package io.lifeboat.lifecycle;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The S3 storage classes a tier can move to, with the minimum storage duration AWS bills for:
 * an object deleted sooner is still charged for the whole minimum
 * (https://aws.amazon.com/s3/storage-classes/, "minimum storage duration charge").
 */
public enum StorageClass {
    STANDARD_IA(30),
    ONEZONE_IA(30),
    INTELLIGENT_TIERING(0),
    GLACIER_IR(90),
    GLACIER(90),
    DEEP_ARCHIVE(180);

    private final int minimumStorageDays;

    StorageClass(int minimumStorageDays) {
        this.minimumStorageDays = minimumStorageDays;
    }

    public int minimumStorageDays() {
        return minimumStorageDays;
    }

    /** Strict: the S3 name exactly (case-insensitive), anything else names the choices. */
    public static StorageClass parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notAClass) {
            throw new IllegalArgumentException("unknown storage class '" + text + "', expected one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
