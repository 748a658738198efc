package org.liaison.cluster.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.cluster.Federation;
import org.liaison.cluster.ProcessStartException;

/** What the builder makes of its settings, checked before any process starts. */
class FederationBuilderTest {

  @TempDir Path dir;

  @Test
  void agencies_namedTwice_areInTheFederationOnceInTheOrderFirstNamed() {
    Federation f =
        Federation.builder()
            .agencies("us.ice", "us.dea")
            .agencies("us.dea", "ru.skr", "us.ice")
            .workDir(dir.resolve("work"))
            .build();

    assertThat(f.agencies()).containsExactly("us.ice", "us.dea", "ru.skr");
  }

  @Test
  void start_withANodeOnPostgresqlButOnlyTheH2Build_namesThePostgresqlJarAndItsProfile()
      throws Exception {
    Path repo = dir.resolve("repo");
    for (String app : new String[] {"node/target/quarkus-app", "gateway/target/quarkus-app"}) {
      Files.createDirectories(repo.resolve(app));
      Files.writeString(repo.resolve(app).resolve("quarkus-run.jar"), "");
    }
    Federation f =
        Federation.builder()
            .agencies("us.ice", "us.dea")
            .postgresql("us.dea", "us.dea")
            .workDir(dir.resolve("work"))
            .repositoryRoot(repo)
            .today(LocalDate.of(2026, 6, 1))
            .build();

    assertThatThrownBy(f::start)
        .isInstanceOf(ProcessStartException.class)
        .hasMessage(
            repo.resolve("node/target/quarkus-app-postgresql/quarkus-run.jar")
                + " is missing: build it first with mvn -B -DskipTests package -Ppostgresql.");
    assertThat(f.postgres("us.dea")).isEmpty();
  }
}
