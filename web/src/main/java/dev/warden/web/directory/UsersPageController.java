package dev.warden.web.directory;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.PasswordService;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.ConsolePassword;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.security.ConsoleSessions;
import dev.warden.web.security.SignInThrottle;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import java.util.Map;
import java.util.Objects;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Settings → Admin Console → Users. Users created here log in to the console with the password given; a workspace
 * admin can reset another user's password on its page, which ends that user's console sessions on this node.
 */
@Controller
@RequestMapping("/settings/admin/users")
class UsersPageController extends DirectoryPagesController implements ConsolePage {
    private static final String RESET_FORM = "resetForm";

    /** Core names fields as SCIM does; the form calls them as people do. */
    private static final Map<String, String> FORM_FIELDS =
            Map.of("userName", "userName", "displayName", "displayName", "emails", "email");

    private final PasswordEncoder passwords;
    private final PasswordService passwordService;
    private final ConsoleSessions sessions;
    private final SignInThrottle throttle;

    UsersPageController(
            PrincipalPages pages,
            DirectoryService directory,
            ConsoleAccess access,
            PasswordEncoder passwords,
            PasswordService passwordService,
            ConsoleSessions sessions,
            SignInThrottle throttle) {
        super(pages, directory, access);
        this.passwords = passwords;
        this.passwordService = passwordService;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /** The user page's "Reset password" form, empty whenever the page (or its region) is shown. */
    @ModelAttribute(RESET_FORM)
    ResetPasswordForm resetForm() {
        return new ResetPasswordForm();
    }

    @Override
    DirectoryKind kind() {
        return DirectoryKind.USER;
    }

    @Override
    Object emptyForm() {
        return new CreateUserForm();
    }

    @PostMapping
    String create(
            Actor actor,
            @ModelAttribute("form") CreateUserForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse) {
        if (form.getUserName() == null || form.getUserName().isBlank()) {
            binding.rejectValue("userName", "required", "Enter a user name: it is what the user logs in with.");
        }
        String passwordProblem = ConsolePassword.problem(form.getPassword());
        if (passwordProblem != null) {
            binding.rejectValue("password", "invalid", passwordProblem);
        }
        if (!binding.hasErrors()) {
            try {
                Principal user = directory.createUser(
                        actor,
                        new UserDetails(
                                form.getUserName(), form.getDisplayName(), form.getEmail(), null, null, null, true),
                        passwords.encode(form.getPassword()));
                return created(user, model, htmx, htmxResponse);
            } catch (InvalidParameterException e) {
                binding.rejectValue(FORM_FIELDS.getOrDefault(e.field(), "userName"), "invalid", e.getMessage());
            } catch (ResourceAlreadyExistsException e) {
                binding.rejectValue("userName", "taken", e.getMessage());
            }
        }
        form.setPassword(null);
        return dialog(actor, model, htmx);
    }

    /**
     * A workspace admin sets another user's console password: the user's sessions end, and a sign-in lock on its name
     * is lifted (the new password is the admin's choice, not a guess). htmx gets the form's region, a plain post the
     * page.
     */
    @PostMapping("/{id}/password")
    String resetPassword(
            Actor actor,
            @PathVariable long id,
            @ModelAttribute(RESET_FORM) ResetPasswordForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx) {
        passwordService.requireMayReset(actor); // a non-admin is refused before any field is looked at
        if (!Objects.equals(form.getNewPassword(), form.getConfirmPassword())) {
            binding.rejectValue("confirmPassword", "mismatch", "The two passwords differ; type the same twice.");
        } else {
            try {
                Principal user = passwordService.reset(actor, new PrincipalId(id), form.getNewPassword());
                sessions.endAll(actor.workspace(), user.id(), user.userName());
                throttle.forget(user.userName());
                model.addAttribute("passwordReset", user.userName());
            } catch (InvalidParameterException e) {
                binding.rejectValue("newPassword", "invalid", e.getMessage());
            }
        }
        form.clear();
        model.addAttribute("kind", kind());
        model.addAttribute("principal", pages.detail(actor, kind(), id));
        return htmx.isHtmxRequest() ? DETAIL + " :: reset-password" : DETAIL;
    }
}
