package dev.warden.web.directory;

import dev.warden.core.directory.PasswordService;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.security.ConsoleSessions;
import dev.warden.web.security.SignInThrottle;
import dev.warden.web.security.SignInThrottledException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * User settings → Password: the signed-in user changes its own console password, giving the current one. A wrong
 * current password counts as a failed sign-in (so an open session cannot be used to guess it), and while the name is
 * locked the form refuses as the login page does. On success the user's other sessions on this node end and this
 * one gets a new session id.
 */
@Controller
@RequestMapping(UserPasswordController.PATH)
class UserPasswordController implements ConsolePage {
    static final String PATH = "/settings/user/password";
    private static final String PAGE = "user/password";
    private static final String REGION = PAGE + " :: password-form";

    private final PasswordService passwords;
    private final SignInThrottle throttle;
    private final ConsoleSessions sessions;

    UserPasswordController(PasswordService passwords, SignInThrottle throttle, ConsoleSessions sessions) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.sessions = sessions;
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("form", new ChangePasswordForm());
        return PAGE;
    }

    @PostMapping
    String change(
            Actor actor,
            @ModelAttribute("form") ChangePasswordForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HttpServletRequest request) {
        Optional<Duration> locked = throttle.lockedFor(actor.name(), actor.clientAddress());
        if (locked.isPresent()) {
            binding.rejectValue(
                    "currentPassword",
                    "throttled",
                    "Too many failed sign-ins; try again in " + SignInThrottledException.waitText(locked.get()) + ".");
        } else if (!Objects.equals(form.getNewPassword(), form.getConfirmPassword())) {
            binding.rejectValue("confirmPassword", "mismatch", "The two new passwords differ; type the same twice.");
        } else {
            try {
                passwords.change(actor, form.getCurrentPassword(), form.getNewPassword());
                sessions.endOthers(
                        actor.workspace(),
                        actor.principal(),
                        actor.name(),
                        request.getSession().getId());
                request.changeSessionId(); // whoever shared this session's id is out too
                model.addAttribute("changed", true);
            } catch (InvalidParameterException e) {
                if (PasswordService.CURRENT_FIELD.equals(e.field())) {
                    throttle.failed(actor.name(), actor.clientAddress());
                }
                binding.rejectValue(e.field(), "invalid", e.getMessage());
            }
        }
        form.clear();
        return htmx.isHtmxRequest() ? REGION : PAGE;
    }
}
