package org.liaison.cluster.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.cluster.ClassDataArchive;
import org.liaison.cluster.FreePorts;
import org.liaison.cluster.JavaProcess;

/** The kit's class-data archive with real child JVMs: recorded once, then mapped by later ones. */
class ClassDataArchiveTest {

  @TempDir Path dir;
  final List<JavaProcess> started = new ArrayList<>();

  @AfterEach
  void stopAll() {
    started.forEach(JavaProcess::stop);
  }

  @Test
  void theFirstProcessRecordsTheArchive_laterOnesMapIt() throws Exception {
    Path app = app("app");
    ClassDataArchive archive = ClassDataArchive.of(app);
    assertThat(archive.path()).doesNotExist();

    JavaProcess first = start(app, archive);
    assertThat(first.command()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    JavaProcess second = start(app, archive);
    assertThat(second.command()) // one recording at a time
        .noneMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit"))
        .noneMatch(o -> o.startsWith("-XX:SharedArchiveFile"));
    first.stop();
    assertThat(archive.path()).isRegularFile();
    assertThat(Files.size(archive.path())).isPositive();
    assertThat(recordings(archive)).isEmpty();

    JavaProcess third = start(app, archive);
    assertThat(third.command()).contains("-XX:SharedArchiveFile=" + archive.path());
    assertThat(Files.readString(Path.of("/proc", Long.toString(third.pid()), "maps")))
        .as("the JVM mapped the archive")
        .contains(archive.path().toString());
    assertThat(Files.readString(third.log())).doesNotContain("[cds]");
  }

  @Test
  void aRecordingProcessKilledForciblyLeavesNoArchive_theNextStartRecordsAgain() throws Exception {
    Path app = app("killed");
    ClassDataArchive archive = ClassDataArchive.of(app);
    JavaProcess p = start(app, archive);
    ProcessHandle handle = ProcessHandle.of(p.pid()).orElseThrow();
    handle.destroyForcibly();
    handle.onExit().get();
    p.stop();

    assertThat(archive.path()).doesNotExist();
    assertThat(recordings(archive)).isEmpty();
    JavaProcess again = start(app, archive);
    assertThat(again.command()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
  }

  @Test
  void aRebuiltApplicationHasAnotherArchive() throws Exception {
    Path app = app("rebuilt");
    Path before = ClassDataArchive.of(app).path();
    Files.writeString(app.resolve("lib").resolve("added.txt"), "a file more");

    assertThat(ClassDataArchive.of(app).path()).isNotEqualTo(before);
    assertThat(ClassDataArchive.of(app).path().getParent()).isEqualTo(before.getParent());
  }

  @Test
  void theArchiveOfARebuiltApplicationReplacesTheEarlierOne() throws Exception {
    Path app = app("replaced");
    ClassDataArchive archive = ClassDataArchive.of(app);
    start(app, archive).stop();
    Path earlier = archive.path();
    assertThat(earlier).isRegularFile();
    Files.writeString(app.resolve("lib").resolve("added.txt"), "a file more");

    JavaProcess rebuilt = start(app, archive);
    assertThat(rebuilt.command()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    rebuilt.stop();
    assertThat(archive.path()).isRegularFile().isNotEqualTo(earlier);
    assertThat(earlier).doesNotExist();
  }

  private JavaProcess start(Path app, ClassDataArchive archive) {
    int port = FreePorts.allocate();
    JavaProcess p =
        JavaProcess.builder("stand-in-" + started.size())
            .jar(app.resolve("stand-in.jar"))
            .jvmOptions("-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
            .classDataArchive(archive)
            .arguments(Integer.toString(port), "ready")
            .log(dir.resolve("logs").resolve(app.getFileName() + "-" + started.size() + ".log"))
            .healthUrl(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
            .build();
    started.add(p);
    p.start();
    p.awaitHealthy(Duration.ofSeconds(60));
    return p;
  }

  /** An application folder with a runnable jar of the stand-in (CDS archives classes from jars). */
  private Path app(String name) throws IOException {
    Path app = dir.resolve(name).resolve("quarkus-app");
    Files.createDirectories(app.resolve("lib"));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, HealthyMain.class.getName());
    String entry = HealthyMain.class.getName().replace('.', '/') + ".class";
    try (OutputStream out = Files.newOutputStream(app.resolve("stand-in.jar"));
        JarOutputStream jar = new JarOutputStream(out, manifest);
        InputStream in = HealthyMain.class.getClassLoader().getResourceAsStream(entry)) {
      jar.putNextEntry(new JarEntry(entry));
      in.transferTo(jar);
      jar.closeEntry();
    }
    return app;
  }

  private static List<Path> recordings(ClassDataArchive archive) throws IOException {
    try (Stream<Path> files = Files.list(archive.path().getParent())) {
      return files.filter(f -> f.getFileName().toString().contains(".recording-")).toList();
    }
  }
}
