package io.tidings.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One headless Chromium tab on the admin panel: Debian's chromium driven through Debian's
 * chromedriver, both named explicitly so Selenium Manager never looks for (or downloads) either.
 */
public final class PanelBrowser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("tidings.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("tidings.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of(System.getProperty("tidings.root", "..")).toAbsolutePath().normalize()
            .resolve("e2e/target/screenshots");
    static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    private PanelBrowser(String baseUrl) {
        this.baseUrl = baseUrl;
        try {
            this.profile = Files.createTempDirectory("tidings-panel-chromium-");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(SCREENSHOTS.resolveSibling("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--disable-extensions", "--disable-default-apps",
                // a laptop screen
                "--window-size=1366,900", "--user-data-dir=" + profile);
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    /**
     * Fails (never skips) when the browser is missing: a test run that silently leaves out the
     * panel's browser tests would report a green build for a panel nobody looked at.
     */
    public static PanelBrowser open(String baseUrl) {
        requireInstalled();
        // belt and braces: if anything in Selenium looks for a driver, it finds this one first
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        PanelBrowser browser = new PanelBrowser(baseUrl);
        browser.driver.get(baseUrl + "/");
        return browser;
    }

    public static void requireInstalled() {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                fail(binary + " is missing: the admin panel's browser tests need Debian's chromium and chromium-driver "
                        + "(apt-get install -y chromium chromium-driver; .ci/run installs them), or -Dtidings.chromium= "
                        + "and -Dtidings.chromedriver= pointing at a Chromium and its matching chromedriver");
            }
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public String baseUrl() {
        return baseUrl;
    }

    // --- finding and waiting ---

    public <T> T await(Function<WebDriver, T> condition) {
        return await(WAIT, condition);
    }

    /** Pages re-render lists when data arrives: an element gone stale mid-check is simply checked again. */
    public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    public WebElement visible(By by) {
        return await(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebElement visible(String css) {
        return visible(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public boolean present(String css) {
        return !all(css).isEmpty();
    }

    /** The visible text of the element, read in the same breath as it is found (lists re-render). */
    public String text(String css) {
        return await(driver -> {
            WebElement element = driver.findElement(By.cssSelector(css));
            return element.isDisplayed() ? element.getText() : null;
        });
    }

    /** Waits until the element's text contains {@code part}, and answers the whole text. */
    public String awaitText(String css, String part) {
        await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), part));
        return text(css);
    }

    // --- acting ---

    public void click(String css) {
        click(By.cssSelector(css));
    }

    public void clickLink(String linkText) {
        click(By.linkText(linkText));
    }

    /** Finds and clicks at once; a click that hit a stale element never happened, so it is tried again. */
    private void click(By by) {
        await(driver -> {
            WebElement element = driver.findElement(by);
            if (!element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    public void type(String css, String text) {
        WebElement input = visible(css);
        input.clear();
        input.sendKeys(text);
    }

    public void go(String hashRoute) {
        driver.get(baseUrl + "/#/" + hashRoute);
    }

    public void nav(String section) {
        click("#nav-" + section);
        await(ExpectedConditions.attributeToBe(By.id("nav-" + section), "aria-current", "page"));
    }

    public void signIn(String secret) {
        type("#signin-key", secret);
        click("#signin-submit");
        visible("#environment-select");
    }

    public void chooseEnvironment(String environmentId) {
        new Select(visible("#environment-select")).selectByValue(environmentId);
    }

    public String environmentState() {
        return text("#environment-state");
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** A modal confirmation is open: press its confirm button. */
    public void confirmDialog() {
        WebElement dialog = visible("dialog.confirm[open]");
        dialog.findElement(By.cssSelector("button[data-action='confirm']")).click();
        await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog.confirm")));
    }

    /** Form controls and buttons a screen reader could not name: no label, no text, no aria-label. */
    @SuppressWarnings("unchecked")
    public List<String> unlabelledControls() {
        return (List<String>) script("""
                return [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href]')]
                  .filter(el => el.getClientRects().length > 0)
                  .filter(el => (el.tagName === 'BUTTON' || el.tagName === 'A')
                    ? !el.textContent.trim() && !el.getAttribute('aria-label')
                    : !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
                  .map(el => el.id || el.outerHTML.slice(0, 120));
                """);
    }

    public void screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a failed test leaves behind to be looked at: the screen and the DOM. */
    public void keepEvidence(String name) {
        try {
            screenshot(name);
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
        } catch (RuntimeException | IOException e) {
            // the browser itself may be what broke; the test's own failure is the message that matters
        }
    }

    /**
     * Script errors the page logged (uncaught exceptions, failed module loads). Failed API
     * calls are left out: a 401 or 403 the panel answers in plain words is expected behaviour.
     */
    public List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
