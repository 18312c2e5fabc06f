// A filtered, paged table on an ops page (the audit log, the notification outbox). The filter lives in the URL so a
// view can be shared; prev/next turn pages; a failed load shows the problem in #page-error. The page supplies how to
// fetch a page, its rows' markup and its page label; the elements follow one naming pattern:
// #<name>-table, #<name>-empty, #<name>-rows, #<name>-prev, #<name>-next, #<name>-page.
import { pageProblemText } from "./ops.js";

const $ = window.jQuery;

/**
 * @param {object} options
 * @param {string} options.name the id prefix of the list's elements
 * @param {number} options.firstPage the number of the first page (the API's: 0 or 1); it is left out of the URL
 * @param {object} options.filter the filter at start, with its `page`
 * @param {(filter: object) => Promise<object>} options.fetchPage the API call; its answer has `hasMore`
 * @param {(result: object) => object[]} options.items the rows of an answer
 * @param {(item: object) => string} options.row a row's `<tr>` markup (escaped)
 * @param {(page: number) => string} options.pageText the label of a page
 */
export function pagedList({ name, firstPage, filter, fetchPage, items, row, pageText }) {
  const list = {
    filter,
    result: null,

    /** Loads the filter's page, with the filter in the address bar. */
    async load() {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(list.filter)) {
        if (key === "page" ? value !== firstPage : value) query.set(key, String(value));
      }
      window.history.replaceState(null, "", `${window.location.pathname}${query.size ? `?${query}` : ""}`);
      $("#page-error").prop("hidden", true);
      $("#page-loading").prop("hidden", false);
      try {
        list.result = await fetchPage(list.filter);
      } catch (error) {
        list.result = null;
        $("#page-error").text(pageProblemText(error)).prop("hidden", false);
      } finally {
        $("#page-loading").prop("hidden", true);
      }
      list.render();
    },

    /** Shows the last answer (again, after a language change). */
    render() {
      const shown = list.result ? items(list.result) : [];
      $(`#${name}-table`).prop("hidden", shown.length === 0);
      $(`#${name}-empty`).prop("hidden", !list.result || shown.length > 0);
      $(`#${name}-rows`).html(shown.map(row).join(""));
      $(`#${name}-prev`).prop("disabled", !list.result || list.filter.page <= firstPage);
      $(`#${name}-next`).prop("disabled", !list.result?.hasMore);
      $(`#${name}-page`).text(list.result ? pageText(list.filter.page) : "");
    },

    /** A new filter, from its first page. */
    async search(changes) {
      list.filter = { ...list.filter, ...changes, page: firstPage };
      await list.load();
    },
  };

  const turn = async (step) => {
    list.filter = { ...list.filter, page: Math.max(firstPage, list.filter.page + step) };
    await list.load();
  };
  $(`#${name}-prev`).on("click", () => turn(-1));
  $(`#${name}-next`).on("click", () => turn(1));
  return list;
}
