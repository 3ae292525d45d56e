package io.lifeboat.bbolt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class EtcdMvccTest {

  @Test
  void userKey_keyValueMessage_returnsField1() {
    // mvccpb.KeyValue{key: "/a", create_revision: 2, mod_revision: 300, version: 1, value: "xy", lease: 7}
    byte[] message = {0x0A, 2, '/', 'a', 0x10, 2, 0x18, (byte) 0xAC, 0x02, 0x20, 1, 0x2A, 2, 'x', 'y', 0x30, 7};

    assertThat(EtcdMvcc.userKey(buffer(message), 0, message.length)).isEqualTo("/a");
  }

  @Test
  void userKey_fieldRepeated_lastOneWins() {
    byte[] message = {0x0A, 1, 'a', 0x0A, 1, 'b'};

    assertThat(EtcdMvcc.userKey(buffer(message), 0, message.length)).isEqualTo("b");
  }

  @Test
  void userKey_nonAsciiBytes_keepsOneCharPerByte() {
    byte[] message = {0x0A, 2, (byte) 0xC3, (byte) 0xFF};

    assertThat(EtcdMvcc.userKey(buffer(message), 0, message.length)).hasSize(2);
  }

  @Test
  void userKey_lengthPastEndOfValue_throws() {
    byte[] message = {0x0A, 9, 'a'};

    assertThatThrownBy(() -> EtcdMvcc.userKey(buffer(message), 0, message.length))
        .isInstanceOf(BboltFormatException.class)
        .hasMessageContaining("not an mvccpb.KeyValue message");
  }

  @Test
  void mainRevision_revisionKey_readsBigEndianMain() {
    ByteBuffer key = ByteBuffer.allocate(18).putLong(0x0102030405L).put((byte) '_').putLong(9).put((byte) 't');
    ByteBuffer littleEndian = key.flip().order(ByteOrder.LITTLE_ENDIAN);

    assertThat(EtcdMvcc.isRevision(littleEndian, 0, 18)).isTrue();
    assertThat(EtcdMvcc.mainRevision(littleEndian, 0)).isEqualTo(0x0102030405L);
    assertThat(EtcdMvcc.isTombstone(littleEndian, 0, 18)).isTrue();
    assertThat(EtcdMvcc.isTombstone(littleEndian, 0, 17)).isFalse();
  }

  private static ByteBuffer buffer(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }
}
