package io.lifeboat.store;

import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Which field of S3's multipart requests and responses carries a part's checksum of each
 * {@link ChecksumMode}: the SDK has one field per algorithm, so the mapping lives here once.
 */
final class S3PartChecksums {

    private S3PartChecksums() {
    }

    /** The part request with {@code checksum} in {@code mode}'s header; unchanged for NONE. */
    static UploadPartRequest.Builder withChecksum(UploadPartRequest.Builder request, ChecksumMode mode,
                                                  String checksum) {
        return switch (mode) {
            case CRC32C -> request.checksumCRC32C(checksum);
            case CRC32 -> request.checksumCRC32(checksum);
            case SHA256 -> request.checksumSHA256(checksum);
            case SHA1 -> request.checksumSHA1(checksum);
            case NONE -> request;
        };
    }

    /** The checksum the store computed and echoed; null for NONE. */
    static String echoed(ChecksumMode mode, UploadPartResponse response) {
        return switch (mode) {
            case CRC32C -> response.checksumCRC32C();
            case CRC32 -> response.checksumCRC32();
            case SHA256 -> response.checksumSHA256();
            case SHA1 -> response.checksumSHA1();
            case NONE -> null;
        };
    }

    /** The part as CompleteMultipartUpload names it, with its checksum in {@code mode}'s field. */
    static CompletedPart completedPart(UploadedPart part, ChecksumMode mode) {
        CompletedPart.Builder b = CompletedPart.builder().partNumber(part.number()).eTag(part.etag());
        return switch (mode) {
            case CRC32C -> b.checksumCRC32C(part.checksum()).build();
            case CRC32 -> b.checksumCRC32(part.checksum()).build();
            case SHA256 -> b.checksumSHA256(part.checksum()).build();
            case SHA1 -> b.checksumSHA1(part.checksum()).build();
            case NONE -> b.build();
        };
    }
}
