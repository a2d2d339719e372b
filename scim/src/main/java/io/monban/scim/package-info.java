/**
 * SCIM 2.0: the inbound API the HR system pushes users and groups to, and the outbound
 * connector that provisions SaaS applications. Depends on {@code core} only.
 */
package io.monban.scim;
