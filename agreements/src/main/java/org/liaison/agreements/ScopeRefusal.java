package org.liaison.agreements;

import org.liaison.wire.v1.Reason;

/**
 * Why a direction of an agreement does not let an officer ask: the role is not among those with a
 * need to know, or the purpose is not one the agreement permits.
 *
 * @param clause where in the agreement the rule stands, e.g. {@code directions[a->b].roles}
 */
public record ScopeRefusal(Reason reason, String clause, String sentence) {}
