//! The shipped learned scorer: it parses, and it is what the committed training data gives
//! (nobody can ship weights that the data in the repository does not reproduce).

use std::path::Path;

use headsup::learn::cv::train_shipped;
use headsup::learn::embedded_ok;

#[test]
fn shipped_weights_parse() {
    embedded_ok().expect("crate/model/weights.bin parses");
}

#[test]
fn shipped_weights_are_what_the_data_gives() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let trained = train_shipped(&root.join("data")).expect("training data loads").to_bytes();
    let shipped = std::fs::read(root.join("model/weights.bin")).expect("read weights.bin");
    assert_eq!(trained.len(), shipped.len(), "weights.bin has another size than training gives: run `headsup train`");
    assert!(trained == shipped, "weights.bin differs from what the training data gives: run `headsup train` and commit it");
}
