package io.azapg.engine.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ItEngine;
import io.azapg.engine.RecordingReporter;
import io.azapg.engine.base.BaseImage;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path a fresh CI machine takes: no docker CLI at all, so both it and Compose v2 come from
 * forky's packages, downloaded inside the real base image; installed below a temp root here.
 */
class ComposeStepIT {
  @TempDir Path root;

  @Test
  void apply_emptyHost_installsDockerCliAndComposeFromForky() {
    ContainerEngine engine = ItEngine.require();
    String base = BaseImage.reference(BaseImage.DEFAULT_SUITE);
    assertThat(engine.imageExists(base))
        .as(base + " exists; create it with './aza-pg base'")
        .isTrue();
    SetupPaths paths = SetupPaths.under(root);
    DefaultProcessRunner runner = new DefaultProcessRunner();
    ComposeStep step = new ComposeStep(runner, engine, paths, base);
    assertThat(step.pending()).contains("install the docker CLI and Compose v2 from Debian forky");

    RecordingReporter reporter = new RecordingReporter();
    step.apply(reporter);

    assertThat(paths.dockerInstall()).isExecutable();
    assertThat(paths.composePlugin()).isExecutable();
    assertThat(step.pending()).isEmpty();
    ProcessResult version =
        runner.run(ProcessSpec.of(paths.dockerInstall().toString(), "--version").build());
    assertThat(version.stdout()).startsWith("Docker version ");
    assertThat(reporter.messages()).anyMatch(m -> m.contains("Docker Compose version 2."));
    assertThat(paths.stateDir()).isEmptyDirectory();
  }
}
