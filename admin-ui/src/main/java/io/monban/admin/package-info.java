/**
 * The administrators' console (server-rendered). Depends on {@code core} only.
 */
package io.monban.admin;
