package io.sockguard.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenTest {

  @Test
  void readsTheTokenWithoutItsTrailingNewline(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("token"), "s3cret\n");

    BearerToken token = BearerToken.read(file);

    assertTrue(token.admits("Bearer s3cret"));
    assertFalse(token.admits("Bearer s3cret\n2"));
  }

  @Test
  void refusesAnEmptyTokenFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("token"), " \n");

    IOException thrown = assertThrows(IOException.class, () -> BearerToken.read(file));

    assertTrue(thrown.getMessage().contains("is empty"), thrown.getMessage());
  }

  @Test
  void refusesAMissingTokenFile(@TempDir Path dir) {
    assertThrows(IOException.class, () -> BearerToken.read(dir.resolve("absent")));
  }

  @Test
  void refusesAnEmptyOrShortHeader() {
    BearerToken token = BearerToken.of("s3cret");

    assertFalse(token.admits(""));
    assertFalse(token.admits("Bearer"));
    assertFalse(token.admits("Bearer "));
  }
}
