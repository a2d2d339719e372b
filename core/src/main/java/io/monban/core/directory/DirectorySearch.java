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
        if (limit <= 0) {
            return new SearchResult<>(count(type, spec, cb), List.of());
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
        // A page that is not full and not past the end tells the total itself: a look-up by
        // userName or email needs one query, not two.
        long total = rows.size() < limit && (offset == 0 || !rows.isEmpty()) ? offset + rows.size()
                : count(type, spec, cb);
        return new SearchResult<>(total, rows.stream().map(view).toList());
    }

    private <E> long count(Class<E> type, Specification<E> spec, CriteriaBuilder cb) {
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<E> root = count.from(type);
        Predicate where = spec.toPredicate(root, count, cb);
        count.select(cb.count(root));
        if (where != null) {
            count.where(where);
        }
        return em.createQuery(count).getSingleResult();
    }
}
