// "Did you mean …?" suggestions, as graphql-js `jsutils/suggestionList.ts`, `didYouMean.ts`
// and `naturalCompare.ts` compute them.

/// The options close to `input` by lexical distance, closest first (ties in natural order).
func suggestionList(_ input: String, options: some Sequence<String>) -> [String] {
    let distance = LexicalDistance(input)
    let threshold = input.utf16.count * 4 / 10 + 1
    var scored: [(option: String, distance: Int)] = []
    var seen: Set<String> = []
    for option in options where seen.insert(option).inserted {
        if let d = distance.measure(option, threshold: threshold) {
            scored.append((option, d))
        }
    }
    scored.sort { a, b in
        a.distance != b.distance ? a.distance < b.distance : naturalCompare(a.option, b.option) < 0
    }
    return scored.map(\.option)
}

/// ` Did you mean "a", "b", or "c"?` (at most five suggestions), or `""` when there are none.
func didYouMean(_ suggestions: [String], subMessage: String? = nil) -> String {
    if suggestions.isEmpty { return "" }
    var message = " Did you mean "
    if let subMessage { message += subMessage + " " }
    let quoted = suggestions.prefix(5).map { "\"" + $0 + "\"" }
    switch quoted.count {
    case 1: return message + quoted[0] + "?"
    case 2: return message + quoted[0] + " or " + quoted[1] + "?"
    default: return message + quoted.dropLast().joined(separator: ", ") + ", or " + quoted[quoted.count - 1] + "?"
    }
}

/// Compares two strings treating runs of digits as numbers (`a2` < `a10`); negative, zero or positive.
func naturalCompare(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf16)
    let b = Array(b.utf16)
    var i = 0
    var j = 0
    func isDigit(_ c: UInt16) -> Bool { c >= 48 && c <= 57 }
    while i < a.count && j < b.count {
        var aChar = a[i]
        var bChar = b[j]
        if isDigit(aChar) && isDigit(bChar) {
            var aNum = 0
            repeat {
                i += 1
                aNum = aNum &* 10 &+ Int(aChar - 48)
                aChar = i < a.count ? a[i] : 0
            } while isDigit(aChar) && aNum > 0
            var bNum = 0
            repeat {
                j += 1
                bNum = bNum &* 10 &+ Int(bChar - 48)
                bChar = j < b.count ? b[j] : 0
            } while isDigit(bChar) && bNum > 0
            if aNum != bNum { return aNum < bNum ? -1 : 1 }
        } else {
            if aChar != bChar { return aChar < bChar ? -1 : 1 }
            i += 1
            j += 1
        }
    }
    return a.count - b.count
}

/// The Damerau–Levenshtein distance (optimal string alignment) from one input to options,
/// case-insensitive, with a case-only difference counting 1.
private struct LexicalDistance {
    let input: String
    let inputLowercased: String
    let inputUnits: [UInt16]

    init(_ input: String) {
        self.input = input
        inputLowercased = input.lowercased()
        inputUnits = Array(inputLowercased.utf16)
    }

    func measure(_ option: String, threshold: Int) -> Int? {
        if option == input { return 0 }
        let optionLowercased = option.lowercased()
        if optionLowercased == inputLowercased { return 1 }
        var a = Array(optionLowercased.utf16)
        var b = inputUnits
        if a.count < b.count { swap(&a, &b) }
        if a.count - b.count > threshold { return nil }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: 3)
        for j in 0...b.count { rows[0][j] = j }
        // `a` is not empty here: two empty strings are equal.
        for i in 1...a.count {
            let up = (i - 1) % 3
            let current = i % 3
            rows[current][0] = i
            var smallest = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var cell = min(rows[up][j] + 1, rows[current][j - 1] + 1, rows[up][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    cell = min(cell, rows[(i - 2) % 3][j - 2] + 1)
                }
                if cell < smallest { smallest = cell }
                rows[current][j] = cell
            }
            if smallest > threshold { return nil }
        }
        let distance = rows[a.count % 3][b.count]
        return distance <= threshold ? distance : nil
    }
}
