//! Downloads of what a chart shows: any data table as CSV (read from the table itself, so it is
//! exactly what the screen reader reads) and the timeline canvas as PNG.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlAnchorElement, HtmlCanvasElement, HtmlTableElement};
use yew::prelude::*;

/// A button that downloads the table in the same `.table-scroll` wrapper as CSV, as `file`.csv.
pub fn csv_button(table_name: &str) -> Html {
    let file = file_stem(table_name);
    let onclick = Callback::from(move |event: MouseEvent| {
        let table = event
            .target_dyn_into::<Element>()
            .and_then(|button| button.closest(".table-scroll").ok().flatten())
            .and_then(|wrapper| wrapper.query_selector("table").ok().flatten())
            .and_then(|table| table.dyn_into::<HtmlTableElement>().ok());
        if let Some(table) = table {
            let csv = table_as_csv(&table);
            download(&format!("data:text/csv;charset=utf-8,{}", js_sys::encode_uri_component(&csv)), &format!("{file}.csv"));
        }
    });
    html! {
        <button type="button" class="export" {onclick}>{ format!("Download “{table_name}” as CSV") }</button>
    }
}

/// A button that downloads the canvas `canvas` as `file`.png.
pub fn png_button(canvas: NodeRef, chart_name: &str) -> Html {
    let file = file_stem(chart_name);
    let onclick = Callback::from(move |_: MouseEvent| {
        if let Some(url) = canvas.cast::<HtmlCanvasElement>().and_then(|canvas| canvas.to_data_url().ok()) {
            download(&url, &format!("{file}.png"));
        }
    });
    html! {
        <button type="button" class="export" {onclick}>{ format!("Download “{chart_name}” as PNG") }</button>
    }
}

/// Every row of the table, cells quoted where they need it, one line each.
fn table_as_csv(table: &HtmlTableElement) -> String {
    let rows = table.rows();
    (0..rows.length())
        .filter_map(|index| rows.item(index))
        .map(|row| {
            let cells = row.children();
            (0..cells.length())
                .filter_map(|index| cells.item(index))
                .map(|cell| csv_field(cell.text_content().unwrap_or_default().trim()))
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// A file name from a chart's name: lower case, words joined by hyphens.
fn file_stem(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

/// Saves `url` as `file_name` through a temporary link.
fn download(url: &str, file_name: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let Some(link) = document.create_element("a").ok().and_then(|element| element.dyn_into::<HtmlAnchorElement>().ok()) else {
        return;
    };
    link.set_href(url);
    link.set_download(file_name);
    link.click();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_or_quotes_are_quoted() {
        assert_eq!(csv_field("below 10: 17; below 20: 77"), "below 10: 17; below 20: 77");
        assert_eq!(csv_field("1, 2"), "\"1, 2\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn file_names_are_the_chart_name_in_lower_case_words() {
        assert_eq!(file_stem("Time per worker and state, threads + GIL"), "time-per-worker-and-state-threads-gil");
    }
}
