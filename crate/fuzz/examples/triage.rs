//! Prints, for each input file given (or each file in the directories given), the input, its
//! normal form, and the normal form of that when normalising twice changes it. Used to sort
//! fuzz findings into distinct bugs: `cargo run --release --example triage -- findings/normalise`.

use std::path::PathBuf;

fn main() {
    let mut files: Vec<PathBuf> = Vec::new();
    for arg in std::env::args().skip(1) {
        let p = PathBuf::from(arg);
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&p).expect("dir").filter_map(|e| e.ok().map(|e| e.path())).collect();
            v.sort();
            files.extend(v);
        } else {
            files.push(p);
        }
    }
    for f in files {
        let text = String::from_utf8_lossy(&std::fs::read(&f).expect("read")).into_owned();
        let once = headsup::normalise(&text);
        let twice = headsup::normalise(&once);
        if once != twice {
            // Show only the differing token window.
            let a: Vec<&str> = once.split(' ').collect();
            let b: Vec<&str> = twice.split(' ').collect();
            let i = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
            let lo = i.saturating_sub(2);
            println!("{}\t{:?}\tonce: {:?}\ttwice: {:?}", f.display(), text.chars().take(80).collect::<String>(),
                a[lo..(i + 3).min(a.len())].join(" "), b[lo..(i + 3).min(b.len())].join(" "));
        }
    }
}
