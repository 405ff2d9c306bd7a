//! `headsup`: the command-line scanner.
fn main() {
    println!("headsup {}", headsup::VERSION);
}
