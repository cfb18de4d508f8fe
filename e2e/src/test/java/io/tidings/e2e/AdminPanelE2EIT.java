package io.tidings.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7: the admin panel in real headless Chromium, served by the gateway of the running
 * system, signing in with real keys. Every page it shows is saved to e2e/target/screenshots/.
 */
class AdminPanelE2EIT {

    static final String ORIGINAL_DESCRIPTION = "Tells the customer their order left the warehouse";
    static final String EDITED_DESCRIPTION = "Tells the customer their parcel is on its way, with tracking";

    static TidingsSystem system;
    static Api gateway;

    PanelBrowser browser;
    String testName;

    @RegisterExtension
    final AfterTestExecutionCallback evidence = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.keepEvidence("FAILED-" + context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void start() {
        PanelBrowser.requireInstalled(); // before minutes of system start-up, not after
        system = TidingsSystem.get();
        gateway = new Api(system.gatewayUrl());
    }

    @BeforeEach
    void openBrowser(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        browser = PanelBrowser.open(system.gatewayUrl());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            List<String> errors = browser.scriptErrors();
            browser.close();
            assertThat(errors).as("script errors in the panel during " + testName).isEmpty();
        }
    }

    @Test
    void aDeveloperEditsAWorkflowReviewsTheDiffPromotesItSeesItReadOnlyInProductionAndRollsItBack() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Panel Acme " + UUID.randomUUID());
        String workflowId = createWorkflow(acme, "Order shipped", ORIGINAL_DESCRIPTION);
        // Production starts with the original, so the rollback at the end has something to restore.
        awaitCompleted(acme.development().secret(), startPromotionOfEverything(acme));
        assertThat(productionDescription(acme, workflowId)).isEqualTo(ORIGINAL_DESCRIPTION);

        // 1. sign in with the development key
        browser.signIn(acme.development().secret());
        assertThat(browser.environmentState()).isEqualTo("Editable");
        browser.visible("a.workflow-link");
        browser.screenshot("flow-01-workflows-development");

        // 2. edit the workflow
        browser.clickLink("Order shipped");
        browser.visible("#workflow-form");
        assertThat(browser.visible("#workflow-fieldset").isEnabled()).isTrue();
        browser.type("#workflow-description", EDITED_DESCRIPTION);
        browser.click("#workflow-save");
        browser.awaitText("#workflow-messages", "Saved");
        browser.screenshot("flow-02-workflow-edited");
        assertThat(gateway.get("/v1/notification-templates/" + workflowId, acme.development().secret())
                .data().get("description").asString()).isEqualTo(EDITED_DESCRIPTION);

        // 3. the Changes page shows it, with the description's before and after
        browser.nav("changes");
        String change = awaitChange("Order shipped");
        assertThat(browser.text(change + " [data-change-type]")).isEqualTo("Updated");
        if (!browser.present(change + " details[data-diff][open]")) {
            browser.click(change + " details[data-diff] summary");
        }
        String descriptionRow = change + " table.diff tr[data-field='description']";
        assertThat(browser.text(descriptionRow + " td.before")).isEqualTo(ORIGINAL_DESCRIPTION);
        assertThat(browser.text(descriptionRow + " td.after")).isEqualTo(EDITED_DESCRIPTION);
        // only what changed is listed, not every field of the workflow
        assertThat(browser.all(change + " table.diff tr")).hasSize(2); // the header and the description
        browser.screenshot("flow-03-changes-with-diff");

        // 4. promote all: the dry run's preview first, then confirm
        browser.click("#promote-all");
        browser.visible("#promotion-plan");
        assertThat(browser.all("#promotion-plan tr[data-plan-item='Order shipped']")).hasSize(1);
        assertThat(browser.text("#promotion-plan")).contains("A dry run: nothing has changed yet.").contains("Warnings");
        browser.screenshot("flow-04-promotion-preview");
        assertThat(productionDescription(acme, workflowId)).as("a dry run changes nothing").isEqualTo(ORIGINAL_DESCRIPTION);
        browser.click("#confirm-promotion");

        // 5. watch it complete
        browser.visible("#promotion-progress");
        browser.await(Duration.ofSeconds(90), driver -> "completed".equals(
                driver.findElement(By.id("promotion-progress")).getAttribute("data-status")));
        String promotionId = browser.visible("#promotion-progress").getAttribute("data-promotion-id");
        assertThat(browser.text("#promotion-progress")).contains("Promotion completed");
        assertThat(productionDescription(acme, workflowId)).isEqualTo(EDITED_DESCRIPTION);
        browser.await(driver -> driver.findElements(By.cssSelector("article[data-change-name='Order shipped']")).isEmpty());
        browser.screenshot("flow-05-promotion-completed");

        // 6. switch to production: its key is asked for, then the promoted workflow is there, read-only
        browser.chooseEnvironment(acme.production().id());
        browser.visible("#environment-key");
        browser.screenshot("flow-06-production-key");
        browser.type("#environment-key", acme.production().secret());
        browser.click("#environment-key-submit");
        browser.awaitText("#environment-state", "Read-only");
        browser.nav("workflows");
        browser.clickLink("Order shipped");
        browser.visible("#workflow-form");
        assertThat(browser.visible("#workflow-description").getAttribute("value")).isEqualTo(EDITED_DESCRIPTION);
        assertReadOnlyWorkflowForm();
        browser.screenshot("flow-07-production-workflow-read-only");

        // 7. roll back from the history, and production has the original again
        browser.nav("history");
        String row = "tr[data-promotion-id='" + promotionId + "']";
        browser.visible(row);
        assertThat(browser.text(row)).contains("completed").contains("Production");
        browser.click(row + " button[data-action='details']");
        browser.awaitText("#promotion-list", "Order shipped");
        browser.screenshot("flow-08-history");
        browser.click(row + " button[data-action='rollback']");
        browser.confirmDialog();
        browser.await(Duration.ofSeconds(90), driver -> "completed".equals(
                driver.findElement(By.id("promotion-progress")).getAttribute("data-status")));
        assertThat(browser.text("#promotion-progress")).contains("Rollback completed");
        browser.awaitText("#history-messages", "Rolled back");
        browser.screenshot("flow-09-rolled-back");
        assertThat(productionDescription(acme, workflowId)).isEqualTo(ORIGINAL_DESCRIPTION);

        browser.nav("workflows");
        browser.clickLink("Order shipped");
        browser.await(driver -> ORIGINAL_DESCRIPTION.equals(
                driver.findElement(By.id("workflow-description")).getAttribute("value")));
        assertReadOnlyWorkflowForm();
        browser.screenshot("flow-10-production-restored");

        // back to development: its key is known in this tab, so no question is asked
        browser.chooseEnvironment(acme.development().id());
        browser.awaitText("#environment-state", "Editable");
        assertThat(browser.present("#environment-key")).isFalse();
    }

    @Test
    void aPromotionThatFailsShowsTheSagasReasonAndProductionStaysAsItWas() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Panel Failure " + UUID.randomUUID());
        String dev = acme.development().secret();
        String receipt = createWorkflow(acme, "Receipt", ORIGINAL_DESCRIPTION);
        awaitCompleted(dev, startPromotionOfEverything(acme));
        // A new workflow takes the identifier of one deleted in development. Applied alone, without
        // that deletion, it collides with Production's copy, and the template participant refuses.
        assertThat(gateway.withKey("DELETE", "/v1/notification-templates/" + receipt, dev, null).status()).isEqualTo(200);
        created(gateway.withKey("POST", "/v1/notification-templates", dev, Map.of("name", "Receipt v2", "identifier", "receipt")));

        browser.signIn(dev);
        browser.nav("changes");
        String change = awaitChange("Receipt v2");
        awaitChange("Receipt");
        browser.click(change + " button[data-action='apply']");

        browser.await(Duration.ofSeconds(90), driver -> "failed".equals(
                driver.findElement(By.id("promotion-progress")).getAttribute("data-status")));
        String promotionId = browser.visible("#promotion-progress").getAttribute("data-promotion-id");
        String reason = gateway.get("/v1/promotions/" + promotionId, dev).data().get("failureReason").asString();
        assertThat(reason).isNotBlank();
        assertThat(browser.text("#promotion-progress")).contains("Promotion failed.");
        assertThat(browser.text("#promotion-failure")).contains(reason).contains("Production is as it was before");
        // the change is still pending, and can be tried again once the clash is resolved
        browser.await(driver -> driver.findElement(By.cssSelector(
                "article[data-change-name='Receipt v2'] button[data-action='apply']")).isEnabled());
        browser.screenshot("failure-01-promotion-failed");

        // nothing of it reached Production, and the change is still pending
        Api.Response production = gateway.get("/v1/notification-templates", acme.production().secret());
        assertThat(production.data().valueStream().map(workflow -> workflow.get("name").asString()).toList()).containsExactly("Receipt");
        awaitChange("Receipt v2");
        browser.nav("history");
        assertThat(browser.text("tr[data-promotion-id='" + promotionId + "']")).contains("failed");
        assertThat(browser.text("tr[data-reason-for='" + promotionId + "']")).isEqualTo("Why it failed: " + reason);
        assertThat(browser.present("tr[data-promotion-id='" + promotionId + "'] button[data-action='rollback']")).isFalse();
        browser.screenshot("failure-02-history");
    }

    @Test
    void discardingAChangePutsDevelopmentBackToWhatProductionHas() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Panel Discard " + UUID.randomUUID());
        String dev = acme.development().secret();
        String workflowId = createWorkflow(acme, "Invoice due", ORIGINAL_DESCRIPTION);
        awaitCompleted(dev, startPromotionOfEverything(acme));
        Api.Response edited = gateway.withKey("PUT", "/v1/notification-templates/" + workflowId, dev, Map.of("description", EDITED_DESCRIPTION));
        assertThat(edited.status()).as(edited.raw()).isEqualTo(200);

        browser.signIn(dev);
        browser.nav("changes");
        String change = awaitChange("Invoice due");
        browser.click(change + " button[data-action='discard']");
        assertThat(browser.text("dialog.confirm[open]")).contains("Your edit is lost");
        browser.screenshot("discard-01-confirm");
        browser.confirmDialog();

        browser.await(Duration.ofSeconds(90), driver -> "completed".equals(
                driver.findElement(By.id("promotion-progress")).getAttribute("data-status")));
        assertThat(browser.text("#promotion-progress")).contains("Discard completed");
        browser.await(driver -> driver.findElements(By.cssSelector("article[data-change-name='Invoice due']")).isEmpty());
        browser.screenshot("discard-02-done");
        assertThat(gateway.get("/v1/notification-templates/" + workflowId, dev).data().get("description").asString())
                .isEqualTo(ORIGINAL_DESCRIPTION);
        assertThat(productionDescription(acme, workflowId)).isEqualTo(ORIGINAL_DESCRIPTION);
    }

    @Test
    void aBadKeyIsRefusedInPlainWordsAndNothingIsKept() {
        browser.type("#signin-key", "tk_this_is_not_a_key");
        browser.click("#signin-submit");

        String error = browser.awaitText("#signin-messages", "Sign-in failed");
        assertThat(error).isEqualTo("Sign-in failed: API key is not valid.");
        assertThat(browser.present("#environment-select")).isFalse();
        assertThat(browser.script("return sessionStorage.getItem('tidings.panel.keys')")).isNull();
        browser.screenshot("signin-01-bad-key");
    }

    @Test
    void aProductionKeyCannotEdit() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Panel Read-only " + UUID.randomUUID());
        String workflowId = createWorkflow(acme, "Password reset", ORIGINAL_DESCRIPTION);
        awaitCompleted(acme.development().secret(), startPromotionOfEverything(acme));

        browser.signIn(acme.production().secret());
        assertThat(browser.environmentState()).isEqualTo("Read-only");
        assertThat(browser.text("#environment-select option:checked")).isEqualTo("Production (read-only)");
        browser.visible("#read-only-notice");
        assertThat(browser.present("#new-workflow-name")).as("no way to create a workflow").isFalse();
        browser.clickLink("Password reset");
        browser.visible("#workflow-form");
        assertReadOnlyWorkflowForm();
        browser.screenshot("readonly-01-production-workflow");

        // Even with the form forced open, the API refuses, and the panel says why in the API's words.
        browser.script("document.getElementById('workflow-fieldset').disabled = false");
        browser.type("#workflow-description", "sneaked into production");
        browser.click("#workflow-save");
        String error = browser.awaitText("#workflow-messages", "Could not save");
        assertThat(error).contains("read-only").contains("promote");
        browser.screenshot("readonly-02-api-refuses");
        assertThat(productionDescription(acme, workflowId)).isEqualTo(ORIGINAL_DESCRIPTION);

        // other promotable content is read-only too
        browser.nav("brand");
        browser.visible("#brand-save");
        assertThat(browser.visible("#brand-save").isEnabled()).isFalse();
        browser.nav("changes");
        assertThat(browser.text("main")).contains("nothing is promoted from here");
    }

    @Test
    void everyPageShowsTheEnvironmentsContent() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Panel Tour " + UUID.randomUUID());
        String dev = acme.development().secret();
        created(gateway.withKey("POST", "/v1/feeds", dev, Map.of("name", "Updates")));
        created(gateway.withKey("POST", "/v1/layouts", dev, Map.of("name", "Branded", "content", "<main>{{{body}}}</main>")));
        created(gateway.withKey("POST", "/v1/notification-groups", dev, Map.of("name", "Accounts")));
        created(gateway.withKey("POST", "/v1/notification-templates", dev, Map.of("name", "Welcome", "description", "Greets new people",
                "steps", List.of(Map.of("name", "Inbox", "type", "in_app", "template", Map.of("content", "Hello {{subscriber.firstName}}"))))));
        created(gateway.withKey("POST", "/v1/subscribers", dev, Map.of("subscriberId", "alice", "firstName", "Alice", "email", "alice@example.com")));
        // the trigger reads its own copy of the workflows, filled from revision events: retry until it has this one
        String transactionId = UUID.randomUUID().toString();
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(250)).until(() -> gateway.withKey("POST",
                "/v1/events/trigger", dev, Map.of("name", "welcome", "to", "alice", "payload", Map.of(), "transactionId", transactionId))
                .status() / 100 == 2);
        await().atMost(20, TimeUnit.SECONDS).until(() -> gateway.get("/v1/notifications", dev).body().get("totalCount").asLong() == 1);

        browser.screenshot("page-00-sign-in");
        assertThat(browser.unlabelledControls()).as("unlabelled controls on the sign-in page").isEmpty();
        // keyboard only: the key field has focus, Enter signs in, and focus lands on the page's heading
        browser.await(driver -> "signin-key".equals(driver.switchTo().activeElement().getAttribute("id")));
        browser.driver().switchTo().activeElement().sendKeys(dev, Keys.ENTER);
        browser.awaitText("#workflow-list", "Welcome");
        browser.await(driver -> "Workflows".equals(driver.switchTo().activeElement().getText()));
        browser.screenshot("page-01-workflows");
        assertEveryControlIsLabelled("workflows");
        browser.clickLink("Welcome");
        browser.awaitText("main", "Hello {{subscriber.firstName}}");
        browser.screenshot("page-02-workflow");
        assertEveryControlIsLabelled("workflow");

        visit("groups", "Accounts", "page-03-groups");
        visit("layouts", "Branded", "page-04-layouts");
        visit("feeds", "Updates", "page-05-feeds");
        browser.nav("brand");
        assertThat(browser.visible("#brand-color").getAttribute("value")).startsWith("#");
        browser.screenshot("page-06-brand");
        assertEveryControlIsLabelled("brand");

        browser.nav("changes");
        awaitChange("Welcome");
        browser.screenshot("page-07-changes");
        assertEveryControlIsLabelled("changes");
        visit("history", "No promotions yet.", "page-08-history");

        browser.nav("subscribers");
        browser.awaitText("#subscriber-list", "alice@example.com");
        browser.screenshot("page-09-subscribers");
        assertEveryControlIsLabelled("subscribers");
        browser.clickLink("alice");
        browser.awaitText("main", "Hello Alice");
        browser.screenshot("page-10-subscriber");
        assertEveryControlIsLabelled("subscriber");

        browser.nav("activity");
        browser.awaitText("#notification-list", "welcome");
        browser.click("#notification-list button[aria-expanded='false']");
        browser.awaitText("#notification-list", "message stored in the subscriber's in-app feed");
        assertThat(browser.text("#notification-list")).contains("success");
        assertThat(browser.text("#message-list")).contains("Hello Alice");
        browser.screenshot("page-11-activity");
        assertEveryControlIsLabelled("activity");

        browser.nav("keys");
        browser.awaitText("#key-list", "In use here");
        browser.screenshot("page-12-api-keys");
        assertEveryControlIsLabelled("api keys");
    }

    @Test
    void rotatingTheKeyShowsTheNewSecretOnceAndThePanelKeepsWorking() {
        DemoOrganization acme = DemoOrganization.create(gateway, "Panel Keys " + UUID.randomUUID());
        String oldSecret = acme.development().secret();
        browser.signIn(oldSecret);
        browser.nav("keys");
        browser.awaitText("#key-list", "In use here");

        new org.openqa.selenium.support.ui.Select(browser.visible("#keep-previous")).selectByValue("300");
        browser.click("#rotate-key");
        browser.confirmDialog();
        String newSecret = browser.visible("#new-secret").getAttribute("value");
        assertThat(newSecret).isNotBlank().isNotEqualTo(oldSecret);
        assertThat(browser.text("#new-secret-area")).contains("shown this once");
        browser.awaitText("#key-list", "Expiring");
        assertThat(browser.all("#key-list tbody tr")).hasSize(2);
        browser.screenshot("keys-01-rotated");

        // the new secret really is a key of this environment, and the old one works during the overlap
        assertThat(gateway.get("/v1/environments/me", newSecret).data().get("_id").asString()).isEqualTo(acme.development().id());
        assertThat(gateway.get("/v1/environments/me", oldSecret).status()).isEqualTo(200);
        // the panel moved to the new key: the list marks it as the one in use, and pages still load
        browser.go("workflows");
        browser.awaitText("main", "No workflows yet.");
        browser.nav("keys");
        browser.awaitText("#key-list", "In use here");
        WebElement inUse = browser.visible("#key-list tbody tr:has(.badge-good)");
        assertThat(inUse.getText()).contains(newSecret.substring(newSecret.length() - 4));
        // shown once: after leaving the page, the secret is nowhere on it
        assertThat(browser.present("#new-secret")).isFalse();
    }

    /** Opens a page from the navigation, waits for its content, saves a screenshot and checks its labels. */
    private void visit(String page, String expected, String screenshot) {
        browser.nav(page);
        browser.awaitText("main", expected);
        browser.screenshot(screenshot);
        assertEveryControlIsLabelled(page);
    }

    // --- helpers ---

    private void assertEveryControlIsLabelled(String page) {
        assertThat(browser.unlabelledControls()).as("unlabelled controls on the " + page + " page").isEmpty();
    }

    private void assertReadOnlyWorkflowForm() {
        // WebDriver's isEnabled() speaks of controls; a fieldset's own state is its disabled property
        assertThat(browser.visible("#workflow-fieldset").getDomProperty("disabled")).as("form disabled").isEqualTo("true");
        assertThat(browser.visible("#workflow-save").isEnabled()).as("save enabled").isFalse();
        assertThat(browser.visible("#workflow-description").isEnabled()).as("description editable").isFalse();
        assertThat(browser.visible("#workflow-delete").isEnabled()).as("delete enabled").isFalse();
        assertThat(browser.text("#read-only-notice")).contains("read-only").contains("Development");
        assertThat(browser.environmentState()).isEqualTo("Read-only");
    }

    /**
     * Pending changes are derived from revision events a moment after the save: refresh until it
     * shows, and until no refresh is still loading (which would replace the card just found).
     * @return the card's CSS selector; elements are looked up afresh on each use, as the list re-renders
     */
    private String awaitChange(String name) {
        String css = "article[data-change-name='" + name + "']";
        browser.await(Duration.ofSeconds(30), driver -> {
            List<WebElement> refresh = driver.findElements(By.id("refresh-changes"));
            boolean loading = !refresh.isEmpty() && refresh.get(0).getAttribute("aria-busy") != null;
            if (loading) {
                return false;
            }
            if (!driver.findElements(By.cssSelector(css)).isEmpty()) {
                return true;
            }
            if (!refresh.isEmpty() && refresh.get(0).isEnabled()) {
                refresh.get(0).click();
            }
            return false;
        });
        return css;
    }

    private static String createWorkflow(DemoOrganization acme, String name, String description) {
        Api.Response created = gateway.withKey("POST", "/v1/notification-templates", acme.development().secret(),
                Map.of("name", name, "description", description,
                        "steps", List.of(Map.of("name", "Inbox", "type", "in_app", "template", Map.of("content", "Order {{orderId}}")))));
        created(created);
        return created.data().get("_id").asString();
    }

    private static void created(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isIn(200, 201);
    }

    /** Promotes every pending change of development through the API, once the workflow is among them. */
    private static String startPromotionOfEverything(DemoOrganization acme) {
        String dev = acme.development().secret();
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                .until(() -> gateway.get("/v1/changes", dev).data().valueStream()
                        .anyMatch(change -> "workflow".equals(change.get("type").asString())));
        Api.Response started = gateway.withKey("POST", "/v1/promotions", dev, Map.of("all", true));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        return started.data().get("_id").asString();
    }

    private static void awaitCompleted(String secret, String promotionId) {
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode promotion = gateway.get("/v1/promotions/" + promotionId, secret).data();
            assertThat(promotion.get("status").asString()).as(promotion.toString()).isNotEqualTo("failed");
            return "completed".equals(promotion.get("status").asString());
        });
    }

    private static String productionDescription(DemoOrganization acme, String workflowId) {
        Api.Response workflow = gateway.get("/v1/notification-templates/" + workflowId, acme.production().secret());
        assertThat(workflow.status()).as(workflow.raw()).isEqualTo(200);
        return workflow.data().get("description").asString();
    }
}
