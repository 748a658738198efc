package org.liaison.cluster.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.liaison.cluster.AgencyNode;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) holding one officer's
 * certificate: the officer's PKCS#12 (written by the development PKI) and the trusted agency CAs
 * are loaded into an NSS database of the browser's own home folder, and the profile's preferences
 * let the browser present the certificate to the consoles without a dialog (no root needed).
 */
final class ConsoleBrowser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final AtomicInteger BROWSERS = new AtomicInteger();
  private static final AtomicInteger LAST = new AtomicInteger();

  private final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path screenshots;

  /** Skips (with how to install them) when the browser or the NSS tools are missing. */
  static void assumeInstalled() {
    for (String tool : List.of("chromium", "chromedriver", "certutil", "pk12util")) {
      assumeTrue(
          onPath(tool),
          tool
              + " is not installed: the console's browser tests need Debian's chromium,"
              + " chromium-driver and libnss3-tools (`apt-get install -y chromium chromium-driver"
              + " libnss3-tools`; the test command installs them through .ci/test-tools when it runs as root).");
    }
  }

  /**
   * A browser for {@code officer} of {@code node}'s agency, trusting the CAs of {@code trusted}
   * (the console's server certificate is issued by its agency's CA), preferring {@code language}.
   */
  static ConsoleBrowser open(
      Path work, AgencyNode node, String officer, String language, AgencyNode... trusted) {
    Path home = work.resolve("browser-" + BROWSERS.incrementAndGet() + "-" + node.agency());
    Path nss = home.resolve(".pki/nssdb");
    try {
      Files.createDirectories(nss);
      run("certutil", "-N", "-d", "sql:" + nss, "--empty-password");
      for (AgencyNode t : trusted) {
        run(
            "certutil",
            "-A",
            "-n",
            t.agency() + " CA",
            "-t",
            "C,,",
            "-d",
            "sql:" + nss,
            "-i",
            node.pkiRoot()
                .resolve("directory")
                .resolve(t.agency())
                .resolve("ca.crt.pem")
                .toString());
      }
      run(
          "pk12util",
          "-i",
          node.officerKeystore(officer).toString(),
          "-d",
          "sql:" + nss,
          "-W",
          "changeit");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withEnvironment(Map.of("HOME", home.toString()))
            .withLogFile(home.resolve("chromedriver.log").toFile())
            .build();
    try {
      Path profile = home.resolve("profile").resolve("Default");
      Files.createDirectories(profile);
      Files.writeString(profile.resolve("Preferences"), preferences(language, node, trusted));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--lang=" + language,
        "--user-data-dir=" + home.resolve("profile"));
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return new ConsoleBrowser(driver, service, Path.of("target", "console-screenshots"));
  }

  private ConsoleBrowser(ChromeDriver driver, ChromeDriverService service, Path screenshots) {
    this.driver = driver;
    this.service = service;
    this.screenshots = screenshots;
  }

  ChromeDriver driver() {
    return driver;
  }

  void get(String url) {
    driver.get(url);
  }

  WebElement await(By by, Duration patience) {
    return new WebDriverWait(driver, patience, Duration.ofMillis(20))
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  WebElement awaitText(By by, String text, Duration patience) {
    new WebDriverWait(driver, patience, Duration.ofMillis(20))
        .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    return driver.findElement(by);
  }

  void fill(String id, String value) {
    WebElement e = field(id);
    e.clear();
    e.sendKeys(value);
  }

  void select(String id, String value) {
    new org.openqa.selenium.support.ui.Select(field(id)).selectByValue(value);
  }

  /** A form field, once shown; if it never is, the error says what the browser shows instead. */
  private WebElement field(String id) {
    try {
      return await(By.id(id), Duration.ofSeconds(10));
    } catch (org.openqa.selenium.TimeoutException e) {
      String shown = driver.findElement(By.tagName("body")).getText();
      throw new AssertionError(
          "no field #"
              + id
              + " at "
              + driver.getCurrentUrl()
              + "; the page shows: "
              + shown.substring(0, Math.min(600, shown.length())),
          e);
    }
  }

  /** Navigation Timing: from the start of navigation to the load event, in milliseconds. */
  long pageLoadMs() {
    // loadEventEnd is set only once the load event's handlers have returned, which can be just
    // after the driver sees the document complete: wait for it rather than read 0
    Object ms =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " const read = () => {"
                + "   const n = performance.getEntriesByType('navigation')[0];"
                + "   if (n && n.loadEventEnd > 0) done(Math.round(n.loadEventEnd - n.startTime));"
                + "   else setTimeout(read, 20); };"
                + " read();");
    return ((Number) ms).longValue();
  }

  /** Milliseconds since navigation start, in the page's own clock. */
  double now() {
    return ((Number) driver.executeScript("return performance.now();")).doubleValue();
  }

  Path screenshot(String name) {
    try {
      Files.createDirectories(screenshots);
      Path file = screenshots.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keeps what the browser showed last (screenshot and page source), to see why a test failed. */
  @Override
  public void close() {
    try {
      String name = "last-" + LAST.incrementAndGet();
      screenshot(name);
      Files.writeString(screenshots.resolve(name + ".html"), driver.getPageSource());
    } catch (RuntimeException | IOException e) {
      // the browser is gone already; nothing to keep
    }
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }

  /**
   * The profile's own preferences: the browser's language, and the content setting that Chromium's
   * {@code AutoSelectCertificateForUrls} policy also sets, here per console origin, so the browser
   * presents the one certificate it holds without a dialog. Being the profile's, it needs no
   * managed policy under {@code /etc} (and so no root).
   */
  private static String preferences(String language, AgencyNode node, AgencyNode... trusted) {
    StringBuilder sites = new StringBuilder();
    for (AgencyNode n :
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(node), java.util.Arrays.stream(trusted))
            .distinct()
            .toList()) {
      java.net.URI console = java.net.URI.create(n.consoleUrl());
      if (sites.length() > 0) sites.append(',');
      sites
          .append("\"https://")
          .append(console.getHost())
          .append(':')
          .append(console.getPort())
          .append(",*\":{\"setting\":{\"filters\":[{}]}}");
    }
    return "{\"intl\":{\"accept_languages\":\""
        + language
        + "\"},\"profile\":{\"content_settings\":{\"exceptions\":"
        + "{\"auto_select_certificate\":{"
        + sites
        + "}}}}}";
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static void run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(
            String.join(" ", command)
                + " failed: "
                + new String(p.getInputStream().readAllBytes()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
