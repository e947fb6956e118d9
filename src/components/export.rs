//! Downloads of what a chart shows: any data table as CSV (read from the table itself, so it is
//! exactly what the screen reader reads), the timeline canvas as PNG, and SVG charts as PNG
//! (drawn on a canvas with the page's colours copied into the SVG).

use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, Element, HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement, HtmlTableElement, XmlSerializer};
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

/// A button that downloads, as `table_name`.csv, the lines `lines` gives when it is pressed: for
/// a table that shows only some of its rows.
pub fn csv_lines_button(table_name: &str, lines: impl Fn() -> Vec<Vec<String>> + 'static) -> Html {
    let file = file_stem(table_name);
    let onclick = Callback::from(move |_: MouseEvent| {
        let csv = csv_text(&lines());
        download(&format!("data:text/csv;charset=utf-8,{}", js_sys::encode_uri_component(&csv)), &format!("{file}.csv"));
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

/// A button that downloads the SVG chart in the same parent element as `file`.png.
pub fn svg_png_button(chart_name: &str) -> Html {
    let file = file_stem(chart_name);
    let onclick = Callback::from(move |event: MouseEvent| {
        let chart = event
            .target_dyn_into::<Element>()
            .and_then(|button| button.parent_element())
            .and_then(|parent| parent.query_selector("svg.chart").ok().flatten());
        if let Some(chart) = chart {
            save_svg_as_png(&chart, format!("{file}.png"));
        }
    });
    html! {
        <button type="button" class="export" {onclick}>{ format!("Download “{chart_name}” as PNG") }</button>
    }
}

/// Styles an SVG image loses outside the page: copied from the page onto every element.
const STYLE_PROPERTIES: [&str; 8] =
    ["fill", "stroke", "stroke-width", "stroke-dasharray", "font-family", "font-size", "font-weight", "text-anchor"];

/// Draws `chart` at twice its size on the page's background and saves it as `file_name`.
fn save_svg_as_png(chart: &Element, file_name: String) {
    let Some(copy) = chart.clone_node_with_deep(true).ok().and_then(|node| node.dyn_into::<Element>().ok()) else { return };
    copy_computed_styles(chart, &copy);
    let bounds = chart.get_bounding_client_rect();
    let (width, height) = (bounds.width().max(1.0) * 2.0, bounds.height().max(1.0) * 2.0);
    let _ = copy.set_attribute("xmlns", "http://www.w3.org/2000/svg");
    let _ = copy.set_attribute("width", &width.to_string());
    let _ = copy.set_attribute("height", &height.to_string());
    let Ok(markup) = XmlSerializer::new().and_then(|serializer| serializer.serialize_to_string(&copy)) else { return };
    let Ok(image) = HtmlImageElement::new() else { return };
    let loaded = image.clone();
    let on_load = Closure::once_into_js(move || {
        if let Some(url) = painted_on_canvas(&loaded, width, height) {
            download(&url, &file_name);
        }
    });
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_src(&format!("data:image/svg+xml;charset=utf-8,{}", js_sys::encode_uri_component(&markup)));
}

/// Sets each element of `copy` to the computed style of the same element of `original`.
fn copy_computed_styles(original: &Element, copy: &Element) {
    let (Ok(originals), Ok(copies)) = (original.query_selector_all("*"), copy.query_selector_all("*")) else { return };
    let Some(window) = web_sys::window() else { return };
    let pairs = (0..originals.length()).filter_map(|index| Some((originals.item(index)?, copies.item(index)?)));
    for (from, to) in std::iter::once((original.clone().into(), copy.clone().into())).chain(pairs) {
        let (Ok(from), Ok(to)) = (from.dyn_into::<Element>(), to.dyn_into::<Element>()) else { continue };
        let Some(computed) = window.get_computed_style(&from).ok().flatten() else { continue };
        let style: String = STYLE_PROPERTIES
            .iter()
            .filter_map(|property| computed.get_property_value(property).ok().map(|value| format!("{property}: {value}; ")))
            .collect();
        let _ = to.set_attribute("style", &style);
    }
}

/// The image drawn on a new canvas over the page's background colour, as a PNG data URL.
fn painted_on_canvas(image: &HtmlImageElement, width: f64, height: f64) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let canvas = document.create_element("canvas").ok()?.dyn_into::<HtmlCanvasElement>().ok()?;
    canvas.set_width(width.round() as u32);
    canvas.set_height(height.round() as u32);
    let context = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
    let body: Element = document.body()?.into();
    let background = web_sys::window()?.get_computed_style(&body).ok()??.get_property_value("background-color").ok()?;
    context.set_fill_style_str(&background);
    context.fill_rect(0.0, 0.0, width, height);
    context.draw_image_with_html_image_element_and_dw_and_dh(image, 0.0, 0.0, width, height).ok()?;
    canvas.to_data_url().ok()
}

/// Every row of the table, cells quoted where they need it, one line each.
fn table_as_csv(table: &HtmlTableElement) -> String {
    let rows = table.rows();
    let lines: Vec<Vec<String>> = (0..rows.length())
        .filter_map(|index| rows.item(index))
        .map(|row| {
            let cells = row.children();
            (0..cells.length()).filter_map(|index| cells.item(index)).map(|cell| cell.text_content().unwrap_or_default().trim().to_owned()).collect()
        })
        .collect();
    csv_text(&lines)
}

/// `lines` of cells as CSV: cells quoted where they need it, lines ended by CRLF.
fn csv_text(lines: &[Vec<String>]) -> String {
    lines.iter().map(|cells| cells.iter().map(|cell| csv_field(cell)).collect::<Vec<_>>().join(",")).collect::<Vec<_>>().join("\r\n")
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
