//! JSON Canvas 1.0 (<https://jsoncanvas.org>): boards written as canvases and read back.
