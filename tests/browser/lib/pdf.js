// Minimal PDF inspection for printed pages.
"use strict";

// Counts the page objects of a PDF: "/Type /Page" not followed by "s", so
// that the "/Type /Pages" tree nodes are not counted. Chromium writes its
// PDFs without compressed object streams, so every page object is readable
// as text.
function countPdfPages(buffer) {
  const text = Buffer.from(buffer).toString("latin1");
  const matches = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return matches ? matches.length : 0;
}

module.exports = { countPdfPages };
