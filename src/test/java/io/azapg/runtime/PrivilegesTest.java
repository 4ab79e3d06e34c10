package io.azapg.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import org.junit.jupiter.api.Test;

class PrivilegesTest {
  private static final String PASSWD =
      "root:x:0:0:root:/root:/bin/bash\n"
          + "postgres:x:999:999:PostgreSQL:/var/lib/postgresql:/bin/bash\n"
          + "app:x:1000:1000::/home/app:/bin/sh\n";

  @Test
  void root_isRefused_theEntrypointDropsBeforeThePreparation() {
    assertThatThrownBy(() -> Privileges.decide(0, 0, PASSWD))
        .isInstanceOf(AzaPgException.class)
        .hasMessageContaining("runs as the server user, not root");
  }

  @Test
  void postgresUser_runsAsItself_withItsHome() {
    Privileges p = Privileges.decide(999, 999, PASSWD);
    assertThat(p.uid()).isEqualTo(999);
    assertThat(p.home()).isEqualTo("/var/lib/postgresql");
    assertThat(p.nssWrapper()).isFalse();
  }

  @Test
  void arbitraryUidWithPasswdEntry_noWrapper() {
    Privileges p = Privileges.decide(1000, 1000, PASSWD);
    assertThat(p.nssWrapper()).isFalse();
    assertThat(p.home()).isEqualTo("/home/app");
  }

  @Test
  void arbitraryUidWithoutPasswdEntry_needsNssWrapper() {
    Privileges p = Privileges.decide(4242, 0, PASSWD);
    assertThat(p.uid()).isEqualTo(4242);
    assertThat(p.gid()).isZero();
    assertThat(p.home()).isEqualTo("/var/lib/postgresql");
    assertThat(p.nssWrapper()).isTrue();
  }
}
