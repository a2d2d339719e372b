package io.monban.core.directory;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.query.QueryUtils;
import org.springframework.stereotype.Component;

/**
 * Runs a search as two database queries (count, then one page at any offset), so a filter
 * is answered by the database's indexes, never by loading users into memory.
 */
@Component
class DirectorySearch {

    private final EntityManager em;

    DirectorySearch(EntityManager em) {
        this.em = em;
    }

    <E, T> SearchResult<T> search(Class<E> type, Specification<E> spec, Sort sort, long offset, int limit,
                                  Function<E, T> view) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<E> countRoot = count.from(type);
        Predicate countWhere = spec.toPredicate(countRoot, count, cb);
        count.select(cb.count(countRoot));
        if (countWhere != null) {
            count.where(countWhere);
        }
        long total = em.createQuery(count).getSingleResult();
        if (limit <= 0 || offset >= total) {
            return new SearchResult<>(total, List.of());
        }
        CriteriaQuery<E> page = cb.createQuery(type);
        Root<E> root = page.from(type);
        Predicate where = spec.toPredicate(root, page, cb);
        page.select(root);
        if (where != null) {
            page.where(where);
        }
        // The id last, so that pages of equal sort keys do not overlap or skip.
        List<Order> orders = new ArrayList<>(QueryUtils.toOrders(sort, root, cb));
        orders.add(cb.asc(root.get("id")));
        page.orderBy(orders);
        List<E> rows = em.createQuery(page).setFirstResult((int) Math.min(offset, Integer.MAX_VALUE))
                .setMaxResults(limit).getResultList();
        return new SearchResult<>(total, rows.stream().map(view).toList());
    }
}
