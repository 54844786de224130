package dev.warden.web.console;

import dev.warden.core.shared.DomainException;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceNotFoundException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxReswap;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * What a console page shows when a service refuses: a whole page says so in the console's layout with the
 * matching status (400 for input it cannot take, 403 for a missing permission, 404 for something that is not
 * there, 409 for a refused change), and an htmx request gets the message above the content while the page stays as it was. Never a
 * stack trace.
 */
@ControllerAdvice(assignableTypes = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrorAdvice {
    /** The console's one error answer for htmx: the message in the page's flash region, swapped out of band. */
    static final String FLASH = "fragments/flash :: flash";

    @ExceptionHandler(PermissionDeniedException.class)
    String denied(
            PermissionDeniedException e,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        return answer(
                e,
                HttpStatus.FORBIDDEN,
                "You are not allowed to do this",
                htmx,
                htmxResponse,
                request,
                response,
                model);
    }

    @ExceptionHandler(ResourceNotFoundException.class)
    String notFound(
            ResourceNotFoundException e,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        return answer(e, HttpStatus.NOT_FOUND, "Not found", htmx, htmxResponse, request, response, model);
    }

    @ExceptionHandler(InvalidParameterException.class)
    String invalid(
            InvalidParameterException e,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        return answer(e, HttpStatus.BAD_REQUEST, "Not accepted", htmx, htmxResponse, request, response, model);
    }

    @ExceptionHandler(DomainException.class)
    String refused(
            DomainException e,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        return answer(e, HttpStatus.CONFLICT, "Not done", htmx, htmxResponse, request, response, model);
    }

    private static String answer(
            DomainException e,
            HttpStatus status,
            String title,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("message", e.getMessage());
        if (htmx.isHtmxRequest() && !htmx.isHistoryRestoreRequest()) {
            // htmx swaps only 2xx answers: say it in the flash region (out of band) and leave the target alone.
            response.setStatus(HttpStatus.OK.value());
            htmxResponse.setReswap(HtmxReswap.none());
            return FLASH;
        }
        response.setStatus(status.value());
        model.addAttribute("currentPath", ConsoleModelAdvice.pathOf(request));
        model.addAttribute("status", status.value());
        model.addAttribute("title", title);
        return "admin/problem";
    }
}
