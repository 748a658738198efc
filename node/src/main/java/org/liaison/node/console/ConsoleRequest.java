package org.liaison.node.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.liaison.wire.text.Sentences;

/** What a console request knows about its officer: who, which language, the CSRF token. */
@RequestScoped
public class ConsoleRequest {
  static final Locale RUSSIAN = Locale.forLanguageTag("ru");

  @Inject RoutingContext rc;
  @Inject ConsoleCsrf csrf;

  @Location("console/error.html")
  Template error;

  public ConsoleOfficer officer() {
    ConsoleOfficer officer = rc.get(ConsoleGate.OFFICER);
    if (officer == null) {
      throw new IllegalStateException("a console request passed no gate");
    }
    return officer;
  }

  /** Russian when the browser prefers it to English, else English. */
  public Locale locale() {
    for (var language : rc.acceptableLanguages()) {
      String tag = language.tag();
      if (tag.startsWith("ru")) {
        return RUSSIAN;
      }
      if (tag.startsWith("en")) {
        return Locale.ENGLISH;
      }
    }
    return Locale.ENGLISH;
  }

  public String csrfToken() {
    return csrf.tokenFor(officer());
  }

  /** A whole page: the layout needs the officer, the language and the CSRF token. */
  public TemplateInstance page(Template template, String active) {
    ConsoleOfficer o = officer();
    Locale locale = locale();
    return template
        .data("page", new Page(o.agency(), o.name(), csrfToken(), locale.getLanguage(), active))
        .setLocale(locale);
  }

  /** A part of a page, swapped in by htmx. */
  public TemplateInstance fragment(Template template) {
    return template.instance().setLocale(locale());
  }

  /** The part of a page that says why nothing was done, in a sentence the officer can act on. */
  public TemplateInstance refusal(String sentence) {
    return fragment(error).data("sentence", sentence);
  }

  /** The part of a page that says why the node's call failed ({@link Sentences#callFailed}). */
  public TemplateInstance callFailed(RuntimeException e) {
    return refusal(Sentences.callFailed(e, "the node"));
  }

  /** What every page's layout shows. */
  public record Page(String agency, String officer, String csrf, String lang, String active) {}
}
